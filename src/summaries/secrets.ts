import type { ReportSummary } from "./summary.js";

/** Builds the `secrets` section of the report. */
export const summaries: readonly ReportSummary[] = [];
