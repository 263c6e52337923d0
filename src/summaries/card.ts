import type { ReportSummary } from "./summary.js";

/** Builds the `card` section of the report. */
export const summaries: readonly ReportSummary[] = [];
