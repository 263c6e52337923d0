import type { SkippedTarget } from "../types/multi-report.js";

/** Skipped entries once each, sorted: every shard of one inventory lists the same ones, and merge must find them equal. */
export function sortSkipped(all: readonly SkippedTarget[]): SkippedTarget[] {
  const seen = new Set<string>();
  return all
    .filter((s) => {
      const k = `${s.input}\0${s.reason}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}
