import { jsonFinding, jsonRule } from "../reporters/json.js";
import type { RevisionDiff } from "./diff-revisions.js";

/**
 * `modelgate diff --format json` (schema/diff.schema.json): the comparison with findings and rules
 * in the same shape as the scan report's JSON, not the internal one.
 */
export function diffJson(d: RevisionDiff): Record<string, unknown> {
  return { ...d, findings: d.findings.map(jsonFinding), rules: d.rules.map(jsonRule) };
}
