import { defineCheck } from "../../types/check.js";
import type { Severity } from "../../types/finding.js";

/** Hub scanner levels (HUB-API.md §5) that mean "do not trust", worst first, with our severity. */
const FLAGGED: Readonly<Record<string, Severity>> = { unsafe: "high", suspicious: "medium", caution: "medium" };

function worse(a: string | undefined, b: string): string {
  if (a === undefined) return b;
  return FLAGGED[a] === "high" ? a : FLAGGED[b] === "high" ? b : a;
}

export const sourceHubScannerFlagged = defineCheck({
  name: "source-hub-scanner-flagged",
  consumes: ["source.model"],
  check(f, ctx) {
    const levels = new Map<string, string>();
    for (const file of ctx.files) {
      const status = file.hubSecurityStatus;
      if (status && status in FLAGGED) levels.set(file.path, worse(levels.get(file.path), status));
    }
    for (const issue of f.data.hubSecurity?.filesWithIssues ?? []) {
      if (issue.level in FLAGGED) levels.set(issue.path, worse(levels.get(issue.path), issue.level));
    }
    for (const [path, level] of [...levels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      ctx.report({
        artifact: { path },
        key: path,
        severity: FLAGGED[level] ?? "medium",
        data: { path, level },
        evidence: [{ text: `Hub security status "${level}"`, artifact: { path } }],
      });
    }
  },
});
