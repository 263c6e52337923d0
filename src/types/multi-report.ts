import type { ScanReport, Verdict } from "./report.js";

/** A target of a many-model run that could not be scanned at all (not found, no access, bad input). */
export interface TargetError {
  /** The target as given (`owner/name@rev`, a path). */
  input: string;
  /** The error code (`MG_E_SOURCE`, `MG_E_ACCESS`, `MG_E_CONFIG`, `MG_E_INTERNAL`). */
  code: string;
  message: string;
}

/** An inventory entry that was not scanned, with why (a dataset reference, a duplicate). */
export interface SkippedTarget {
  input: string;
  reason: string;
}

/**
 * Many targets scanned in one run (`scan a/b c/d`, `scan --inventory`, `merge`). Each report is
 * exactly what a single-target scan gives; the verdict is their aggregate (see
 * `aggregateVerdict`). A run with one positional target renders the plain ScanReport instead, so
 * single-model output is unchanged.
 */
export interface MultiScanReport {
  schemaVersion: "1.0";
  tool: { name: "modelgate"; version: string };
  kind: "multi";
  generatedAt?: string;
  /** `--shard i/n` that selected these targets, when one was given. */
  shard?: { index: number; count: number };
  verdict: Verdict;
  /** One per scanned target, sorted by target key (so merged shards equal one unsharded run). */
  reports: ScanReport[];
  errors: TargetError[];
  skipped: SkippedTarget[];
}

export function isMultiReport(r: ScanReport | MultiScanReport): r is MultiScanReport {
  return (r as MultiScanReport).kind === "multi";
}
