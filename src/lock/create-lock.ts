import { parseAdvisorySet } from "../advisories/store.js";
import { loadList } from "../catalog/load-rules.js";
import { ConfigError } from "../errors.js";
import { EMPTY_POLICY, mergeList } from "../policy/policy.js";
import { scan, type ScanParams } from "../scan.js";
import { parseHubRef } from "../sources/hub-ref.js";
import type { ScanReport } from "../types/report.js";
import { buildLock, lockedModel } from "./build-lock.js";
import type { LockFile } from "./lock-file.js";

export interface LockTargetOutcome {
  target: string;
  report: ScanReport;
  /** Why the model was left out of the lock; absent when it was locked. */
  refused?: "gate-failed" | "incomplete";
}

export interface CreateLockParams extends Omit<ScanParams, "target" | "revision"> {
  /** Hub models, `owner/name[@revision]` (default revision: main). */
  targets: string[];
  /** SHA-256 of the policy file's bytes, recorded so a check can tell the lock was made under another policy. */
  policySha256?: string;
  /** Called after each model is scanned (progress). */
  onScanned?: (outcome: LockTargetOutcome) => void;
  /** Scans one target; defaults to `scan`. */
  scanner?: (params: ScanParams) => Promise<ScanReport>;
}

export interface CreateLockResult {
  outcomes: LockTargetOutcome[];
  /** The lock, only when every target passed its gate: an approval must cover the whole set. */
  lock?: LockFile;
}

/**
 * Scans every target with `scan` and builds the lock from the reports. A model whose gate fails
 * (after the policy's waivers) or whose scan is incomplete is refused, and then no lock is
 * produced at all, so an old approved lock is never replaced by a partial one.
 */
export async function createLock(params: CreateLockParams): Promise<CreateLockResult> {
  const { targets, policySha256, onScanned, scanner = scan, ...scanParams } = params;
  if (targets.length === 0) throw new ConfigError("nothing to lock: give one or more owner/name[@revision] targets (or --discover <dir>)");
  const seen = new Set<string>();
  for (const t of targets) {
    const ref = parseHubRef(t);
    if (!ref) throw new ConfigError(`"${t}" is not a Hub model id (owner/name[@revision]); a lock records Hub revisions`);
    const key = `${ref.repoId}@${ref.revision ?? "main"}`;
    if (seen.has(key)) throw new ConfigError(`${key} is given twice`);
    seen.add(key);
  }
  const outcomes: LockTargetOutcome[] = [];
  for (const target of [...targets].sort()) {
    // The lock is about bytes on the Hub: a local folder of the same name must not be picked up.
    const hubTarget = target.startsWith("hf://") ? target : `hf://${target}`;
    const report = await scanner({ ...scanParams, target: hubTarget });
    report.target.input = target;
    const outcome: LockTargetOutcome = { target, report };
    if (!report.verdict.passed) outcome.refused = "gate-failed";
    else if (report.verdict.incomplete && !report.verdict.allowIncomplete) outcome.refused = "incomplete";
    outcomes.push(outcome);
    onScanned?.(outcome);
  }
  if (outcomes.some((o) => o.refused)) return { outcomes };
  const policy = scanParams.policy ?? EMPTY_POLICY;
  const advisories = parseAdvisorySet(mergeList(loadList("advisories"), policy.lists["advisories"]));
  const lock = buildLock({
    models: outcomes.map((o) => lockedModel(o.report)),
    advisories: { date: advisories.date, count: advisories.entries.length },
    failOn: scanParams.failOn ?? policy.failOn ?? "high",
    ...(policySha256 ? { policySha256 } : {}),
  });
  return { outcomes, lock };
}
