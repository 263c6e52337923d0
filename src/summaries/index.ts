import type { ReportSummary } from "./summary.js";

/** Every report section builder; adding a section adds one import here. */
export const summaries: readonly ReportSummary[] = [];
