import type { ReportSummary } from "./summary.js";

/** Builds the `chatTemplates` section of the report. */
export const summaries: readonly ReportSummary[] = [];
