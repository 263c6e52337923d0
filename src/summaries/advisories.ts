import type { ReportSummary } from "./summary.js";

/** Builds the `advisories` section of the report. */
export const summaries: readonly ReportSummary[] = [];
