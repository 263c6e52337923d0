import { existsSync } from "node:fs";
import pLimit from "p-limit";
import { ConfigError, ModelgateError, errorMessage } from "./errors.js";
import { inShard, type Shard } from "./multi/shard.js";
import { sortSkipped } from "./multi/sort-skipped.js";
import { targetKey } from "./multi/target-key.js";
import { aggregateVerdict } from "./policy/aggregate.js";
import { EMPTY_POLICY } from "./policy/policy.js";
import { scan, type ScanParams } from "./scan.js";
import { parseHubRef } from "./sources/hub-ref.js";
import type { SourceSession } from "./sources/source-params.js";
import type { MultiScanReport, SkippedTarget, TargetError } from "./types/multi-report.js";
import type { ScanReport } from "./types/report.js";
import { VERSION } from "./version.js";

/** One target finished (scanned or failed), for a progress line per model. */
export interface TargetDone {
  input: string;
  /** How many targets have finished, this one included. */
  done: number;
  total: number;
  report?: ScanReport;
  error?: TargetError;
}

export interface ScanManyParams extends Omit<ScanParams, "target" | "revision" | "against" | "onProgress" | "session" | "inspections"> {
  /** Targets as `scan` takes them: `owner/name[@rev]`, folders, files, HF cache snapshots. */
  targets: readonly string[];
  /** The Hub id `--shard` hashes for a target, when the caller knows it (an inventory does). */
  shardIds?: ReadonlyMap<string, string>;
  shard?: Shard;
  /** Entries the caller already left out (datasets in an inventory), carried into the report. */
  skipped?: readonly SkippedTarget[];
  /** Targets the caller already knows cannot be scanned (see `Inventory.errors`); `--shard` keeps each in one shard. */
  unscannable?: readonly TargetError[];
  onTarget?: (e: TargetDone) => void;
}

/** What `--shard` hashes: the Hub repo id (so every revision of a model lands together), else the path. */
export function shardId(target: string): string {
  if (existsSync(target)) return targetKey({ kind: "local-dir", input: target });
  return parseHubRef(target)?.repoId ?? target;
}

function targetError(input: string, e: unknown): TargetError {
  return { input, code: e instanceof ModelgateError ? e.code : "MG_E_INTERNAL", message: e instanceof ModelgateError ? e.message : `internal error: ${errorMessage(e)}` };
}

function byKey(a: ScanReport, b: ScanReport): number {
  const ka = targetKey(a.target);
  const kb = targetKey(b.target);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.target.input < b.target.input ? -1 : a.target.input > b.target.input ? 1 : 0;
}

/**
 * Scans many targets in one process: one Hub metadata client whose answers (base models,
 * datasets) are shared, one download queue and one inspection queue across all targets, and up
 * to `concurrency` targets at once. A target that cannot be scanned at all is recorded in
 * `errors` and the others go on; reports come back sorted by target key, so the same targets
 * give the same report however they were split into shards.
 */
export const SIGNATURE_FOR_ONE = "--signature names the bundle of one model; with several targets each target's own model.sig is read (--signature-key and --signer-identity apply to every target)";

export async function scanMany(params: ScanManyParams): Promise<MultiScanReport> {
  const { targets: given, shardIds, shard, skipped = [], unscannable = [], onTarget, ...scanParams } = params;
  // A bundle given by name signs one model; for many, each target's own model.sig is read.
  if (scanParams.signing?.bundle && (given.length > 1 || shard)) throw new ConfigError(SIGNATURE_FOR_ONE);
  const concurrency = Math.max(1, params.concurrency ?? 4);
  const unique = [...new Set(given)];
  const repeated: SkippedTarget[] = given.length > unique.length ? [...new Set(given.filter((t, i) => given.indexOf(t) !== i))].map((t) => ({ input: t, reason: "listed more than once; scanned once" })) : [];
  const targets = shard ? unique.filter((t) => inShard(shardIds?.get(t) ?? shardId(t), shard)) : unique;

  const session: SourceSession = { downloads: pLimit(Math.max(1, params.downloadConcurrency ?? 8)) };
  const inspections = pLimit(concurrency);
  const models = pLimit(concurrency);
  const reports: ScanReport[] = [];
  const errors: TargetError[] = unscannable.filter((e) => !shard || inShard(e.input, shard));
  let done = 0;
  await Promise.all(
    targets.map((target) =>
      models(async () => {
        let report: ScanReport | undefined;
        let error: TargetError | undefined;
        try {
          report = await scan({ ...scanParams, target, session, inspections });
          reports.push(report);
        } catch (e) {
          if (params.signal?.aborted) throw e;
          error = targetError(target, e);
          errors.push(error);
        }
        done++;
        onTarget?.({ input: target, done, total: targets.length, ...(report ? { report } : {}), ...(error ? { error } : {}) });
      }),
    ),
  );
  reports.sort(byKey);
  errors.sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  const policy = params.policy ?? EMPTY_POLICY;
  const out: MultiScanReport = {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: VERSION },
    kind: "multi",
    verdict: aggregateVerdict(
      reports.map((r) => r.verdict),
      { failOn: params.failOn ?? policy.failOn ?? "high", allowIncomplete: params.allowIncomplete ?? false },
    ),
    reports,
    errors,
    skipped: sortSkipped([...skipped, ...repeated]),
  };
  if (shard) out.shard = shard;
  if (params.timestamp) out.generatedAt = new Date().toISOString();
  return out;
}
