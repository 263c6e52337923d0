import { refToString } from "../types/artifact.js";
import type { Fact } from "../types/fact.js";
import type { IncompleteEntry } from "../types/report.js";
import "../inspectors/archive/facts.js";
import "../sources/symlink-facts.js";

/**
 * What could not be checked: unreadable files, parse failures, limits hit, inspector defects.
 * One line per path and reason: the same failure met twice (two inspectors, two reads) is one gap.
 */
export function collectIncomplete(facts: readonly Fact[]): IncompleteEntry[] {
  const out: IncompleteEntry[] = [];
  const seen = new Set<string>();
  const unreadable = new Set(facts.flatMap((f) => (f.kind === "scan.unreadable" && f.artifact ? [refToString(f.artifact)] : [])));
  for (const f of facts) {
    let reason: string | undefined;
    switch (f.kind) {
      case "scan.unreadable":
        reason = `could not be read: ${f.data.message}`;
        break;
      case "scan.parse-error":
        reason = `could not be parsed: ${f.data.message}`;
        break;
      case "scan.limit-exceeded":
        reason = `not fully inspected: ${f.data.message}`;
        break;
      // A read that fails past the sniffed head leaves the file unhashed: fail closed on it too.
      case "integrity.digest":
        if (f.data.state !== "unreadable" || (f.artifact && unreadable.has(refToString(f.artifact)))) continue;
        reason = `could not be hashed: ${f.data.note ?? "read failed"}`;
        break;
      case "scan.inspector-failed":
        reason = `${f.data.inspector} failed: ${f.data.message}`;
        break;
      // 7z, LZ4, legacy LZMA, encrypted members, unknown zip methods: what is inside was not looked at (nullifAI, B07).
      case "archive.unscannable":
        reason = `not inspected: ${f.data.detail}`;
        break;
      // Loaders follow the link; modelgate did not (out of the root, dangling, looping).
      case "source.symlink":
        reason = f.data.problem === "outside" ? `symlink to ${f.data.target}, outside the scanned folder, was not followed` : `symlink ${f.data.problem === "loop" ? "loops" : "dangles"} (${f.data.target})`;
        break;
      default:
        continue;
    }
    const path = f.artifact ? refToString(f.artifact) : undefined;
    const key = `${path ?? ""}\0${reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(path !== undefined ? { path, reason } : { reason });
  }
  return out;
}
