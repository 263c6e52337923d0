import type { ReportSummary } from "./summary.js";

/** Builds the `lineage` section of the report. */
export const summaries: readonly ReportSummary[] = [];
