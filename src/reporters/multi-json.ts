import type { MultiScanReport } from "../types/multi-report.js";
import { toJsonObject } from "./json.js";
import { gateLabel } from "./text.js";

/** Targets per gate outcome, so a CI log or dashboard need not walk every report. */
export function multiSummary(m: MultiScanReport): Record<"targets" | "passed" | "failed" | "incomplete" | "errors" | "skipped", number> {
  const labels = m.reports.map((r) => gateLabel(r.verdict));
  return {
    targets: m.reports.length + m.errors.length,
    passed: labels.filter((l) => l === "passed").length,
    failed: labels.filter((l) => l === "failed").length,
    incomplete: labels.filter((l) => l === "incomplete").length,
    errors: m.errors.length,
    skipped: m.skipped.length,
  };
}

/**
 * The many-target JSON report (schema: `schema/multi-report.schema.json`): an envelope with the
 * aggregate verdict, and under `reports` each target's report exactly as a single scan writes it.
 */
export function toMultiJsonObject(m: MultiScanReport): Record<string, unknown> {
  return {
    schemaVersion: m.schemaVersion,
    tool: m.tool,
    kind: "multi",
    ...(m.generatedAt ? { generatedAt: m.generatedAt } : {}),
    ...(m.shard ? { shard: m.shard } : {}),
    verdict: m.verdict,
    summary: multiSummary(m),
    reports: m.reports.map(toJsonObject),
    errors: m.errors,
    skipped: m.skipped,
  };
}

export function renderMultiJson(m: MultiScanReport): string {
  return JSON.stringify(toMultiJsonObject(m), null, 2) + "\n";
}
