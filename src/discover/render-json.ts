import type { Finding } from "../types/finding.js";
import type { DiscoverReport } from "./types.js";

function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    severity: f.severity,
    message: f.message,
    ...(f.artifact ? { path: f.artifact.path } : {}),
    ...(f.region?.startLine !== undefined ? { line: f.region.startLine } : {}),
    fingerprint: f.fingerprint,
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}

/** The discover JSON (schema: `schema/discover.schema.json`); `references` and `dynamic` are the contract. */
export function toDiscoverJson(r: DiscoverReport): Record<string, unknown> {
  return {
    schemaVersion: r.schemaVersion,
    tool: r.tool,
    references: r.references,
    dynamic: r.dynamic,
    findings: r.findings.map(jsonFinding),
    verdict: r.verdict,
    stats: r.stats,
    notChecked: r.notChecked,
  };
}

export function renderDiscoverJson(r: DiscoverReport): string {
  return JSON.stringify(toDiscoverJson(r), null, 2) + "\n";
}
