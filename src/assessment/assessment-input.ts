import type { Policy } from "../policy/policy.js";
import { refToString, rootRef } from "../types/artifact.js";
import type { Fact } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { ScanReport } from "../types/report.js";
import type { AssessmentRules } from "./assessment-rules.js";
import type { AssessmentEvidence, TierDecision } from "./types.js";

/** Everything the assessment is built from: the finished report, its facts, the tier decision. */
export interface AssessmentInput {
  report: ScanReport;
  facts: readonly Fact[];
  tier: TierDecision | null;
  /** YYYY-MM-DD or null (due dates stay relative). */
  date: string | null;
  rules: AssessmentRules;
  policy: Policy;
  /** rules/_lists lookup with the policy's extensions (vetted-publishers). */
  list: (name: string) => unknown;
}

/** Evidence lists stop at this many entries; the findings list in the report has them all. */
export const MAX_EVIDENCE = 10;

/** Findings a person has to act on: unwaived, low severity or above (info findings only inform). */
export function actionableFindings(report: ScanReport): Finding[] {
  return report.findings.filter((f) => !f.suppressed && f.severity !== "info");
}

export function findingEvidence(f: Finding): AssessmentEvidence {
  return { text: `${f.ruleId} ${f.ruleName}: ${f.message}`, ...(f.artifact ? { path: refToString(f.artifact) } : {}) };
}

/** The repo files findings are about (archive members count as their file), sorted, unique. */
export function findingFiles(findings: readonly Finding[]): string[] {
  return [...new Set(findings.flatMap((f) => (f.artifact ? [rootRef(f.artifact).path] : [])))].sort();
}

/** The model's name for sentences: the Hub repo id, or the scanned path. */
export function modelName(report: ScanReport): string {
  return report.target.repoId ?? report.target.input;
}

/** The Hub owner of the scanned model; undefined for a local folder with no --against. */
export function publisher(report: ScanReport): string | undefined {
  const id = report.source?.owner || report.target.repoId?.split("/")[0] || report.target.against?.repoId.split("/")[0];
  return id || undefined;
}
