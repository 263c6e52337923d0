import type { Fact } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { ReportSections } from "../types/report.js";

/** What a summary may read besides facts: the rule data lists, with the policy's extensions. */
export interface SummaryContext {
  list(name: string): unknown;
}

/** Builds one top-level section of the JSON report (card, lineage, remoteCode, ...) from facts. */
export interface ReportSummary {
  name: string;
  build(facts: readonly Fact[], findings: readonly Finding[], ctx?: SummaryContext): Partial<ReportSections>;
}
