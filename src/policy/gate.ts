import { SEVERITIES, severityRank, type Finding, type Severity } from "../types/finding.js";
import { refToString, rootRef } from "../types/artifact.js";
import type { IncompleteEntry, Verdict } from "../types/report.js";
import type { Policy } from "./policy.js";
import { globToRegExp } from "./glob.js";

/** Applies severity overrides and waivers. Returns new findings; waived ones carry `suppressed`. */
export function applyPolicy(findings: readonly Finding[], policy: Policy, today: string): Finding[] {
  return findings.map((f) => {
    const override = policy.rules[f.ruleId] ?? policy.rules[f.ruleName];
    const out: Finding = override && override !== "off" ? { ...f, severity: override } : { ...f };
    // A waiver's path names a repo file; it also covers findings inside that file's archive members.
    const paths = f.artifact ? [refToString(f.artifact), rootRef(f.artifact).path] : [""];
    const waiver = policy.waivers.find(
      (w) =>
        (w.rule === f.ruleId || w.rule === f.ruleName) &&
        (!w.path || paths.some((p) => globToRegExp(w.path ?? "").test(p))) &&
        (!w.expires || w.expires >= today),
    );
    if (waiver) out.suppressed = { reason: waiver.reason, ...(waiver.reviewer ? { reviewer: waiver.reviewer } : {}) };
    return out;
  });
}

export interface GateParams {
  findings: readonly Finding[];
  incomplete: readonly IncompleteEntry[];
  failOn: Severity | "none";
  allowIncomplete: boolean;
}

/** Pass/fail from unsuppressed findings at or above `failOn`; incompleteness is reported beside it. */
export function gate(params: GateParams): Verdict {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let highest: Severity | undefined;
  for (const f of params.findings) {
    if (f.suppressed) continue;
    counts[f.severity]++;
    if (!highest || severityRank(f.severity) > severityRank(highest)) highest = f.severity;
  }
  const threshold = params.failOn;
  const failed = threshold !== "none" && params.findings.some((f) => !f.suppressed && severityRank(f.severity) >= severityRank(threshold));
  const verdict: Verdict = {
    failOn: params.failOn,
    passed: !failed,
    incomplete: params.incomplete.length > 0,
    allowIncomplete: params.allowIncomplete,
    counts,
  };
  if (highest) verdict.highest = highest;
  return verdict;
}

/** 0 passed; 1 gate failed; 3 incomplete with no failure (fail-closed) unless allowed. */
export function exitCodeFor(verdict: Verdict): 0 | 1 | 3 {
  if (!verdict.passed) return 1;
  if (verdict.incomplete && !verdict.allowIncomplete) return 3;
  return 0;
}
