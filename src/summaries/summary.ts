import type { Fact } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { ReportSections } from "../types/report.js";

/** Builds one top-level section of the JSON report (card, lineage, remoteCode, ...) from facts. */
export interface ReportSummary {
  name: string;
  build(facts: readonly Fact[], findings: readonly Finding[]): Partial<ReportSections>;
}
