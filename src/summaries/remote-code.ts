import type { ReportSummary } from "./summary.js";

/** Builds the `remoteCode` section of the report. */
export const summaries: readonly ReportSummary[] = [];
