import { diffJson } from "../diff/diff-json.js";
import { jsonFinding, jsonRule } from "../reporters/json.js";
import type { LockCheckReport, ModelCheck } from "./check-lock.js";

function modelJson(m: ModelCheck): Record<string, unknown> {
  if (!m.moved) return { ...m };
  return { ...m, moved: { summary: m.moved.summary, details: m.moved.details ? diffJson(m.moved.details) : null } };
}

/**
 * `modelgate lock --check --format json` (schema/lock-check.schema.json): findings, rules and the
 * comparison of a moved revision in the same shapes as the scan report's and `diff`'s JSON.
 */
export function checkJson(r: LockCheckReport): Record<string, unknown> {
  return { ...r, models: r.models.map(modelJson), findings: r.findings.map(jsonFinding), rules: r.rules.map(jsonRule) };
}
