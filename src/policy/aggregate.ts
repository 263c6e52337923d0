import { SEVERITIES, severityRank, type Severity } from "../types/finding.js";
import type { Verdict } from "../types/report.js";
import { exitCodeFor } from "./gate.js";

/**
 * One verdict for many targets: failed if any failed, incomplete if any was, counts summed.
 * `failOn` is the strictest of the targets' thresholds (they share one policy in a run; merged
 * shards may not). With no targets, nothing failed: an empty shard passes.
 */
export function aggregateVerdict(verdicts: readonly Verdict[], defaults: { failOn: Severity | "none"; allowIncomplete: boolean }): Verdict {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let highest: Severity | undefined;
  let failOn: Severity | "none" | undefined;
  for (const v of verdicts) {
    for (const s of SEVERITIES) counts[s] += v.counts[s];
    if (v.highest && (!highest || severityRank(v.highest) > severityRank(highest))) highest = v.highest;
    if (failOn === undefined || failOn === "none" || (v.failOn !== "none" && severityRank(v.failOn) < severityRank(failOn))) failOn = v.failOn;
  }
  const out: Verdict = {
    failOn: failOn ?? defaults.failOn,
    passed: verdicts.every((v) => v.passed),
    incomplete: verdicts.some((v) => v.incomplete),
    // Allowed only when every incomplete target allowed it, so the aggregate exits as the worst target would.
    allowIncomplete: verdicts.some((v) => v.incomplete) ? verdicts.filter((v) => v.incomplete).every((v) => v.allowIncomplete) : defaults.allowIncomplete,
    counts,
  };
  if (highest) out.highest = highest;
  return out;
}

/** Worst exit code across targets with the usual precedence 2 > 1 > 3 > 0; a target that could not be scanned is 2. */
export function exitCodeForMany(many: { verdict: Verdict; errors: readonly unknown[] }): 0 | 1 | 2 | 3 {
  if (many.errors.length > 0) return 2;
  return exitCodeFor(many.verdict);
}
