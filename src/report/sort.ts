import { refToString } from "../types/artifact.js";
import { severityRank, type Finding } from "../types/finding.js";

/** Most severe first, then by rule, path and offset: reports are byte-for-byte reproducible. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding): string => (f.artifact ? refToString(f.artifact) : "");
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.ruleId.localeCompare(b.ruleId) ||
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) ||
      (a.region?.byteOffset ?? a.region?.startLine ?? 0) - (b.region?.byteOffset ?? b.region?.startLine ?? 0) ||
      a.message.localeCompare(b.message),
  );
}
