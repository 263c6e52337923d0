import { cardView } from "../checks/card/card-view.js";
import type { LineageStatus } from "../inspectors/model-card/facts.js";
import type { ReportSummary } from "./summary.js";

/** One entry of the `lineage` list: a base model (followed through the Hub) or a named dataset. */
export interface LineageEntry {
  kind: "model" | "dataset";
  repoId: string;
  /** 1 = named by the scanned model's card; 2 = named by that model's card; ... (datasets: 1). */
  depth: number;
  /** The repo whose card named this one; null when the scanned model's card did. */
  parent: string | null;
  /** found, not-found, error, gated, unverifiable (no Hub access), cycle, depth-limit, limit, invalid-id. */
  status: LineageStatus;
  license: string[];
  licenseName: string | null;
  gated: false | "auto" | "manual" | null;
  /** Whether the repo has a card; null when unknown. */
  hasCard: boolean | null;
  /** base_model_relation (adapter, merge, quantized, finetune) as the ancestor declares it. */
  relation: string | null;
  /** PII handling statements found in a dataset's card, with their README line. */
  piiStatements?: { line: number; text: string }[];
  detail: string | null;
}

declare module "../types/report.js" {
  interface ReportSections {
    lineage: LineageEntry[];
  }
}

export const lineageSummary: ReportSummary = {
  name: "lineage",
  build(facts) {
    const view = cardView(facts);
    const models: LineageEntry[] = view.models.map(({ data: m }) => ({
      kind: "model",
      repoId: m.repoId,
      depth: m.depth,
      parent: m.parent ?? null,
      status: m.status,
      license: m.license,
      licenseName: m.licenseName ?? null,
      gated: m.gated ?? null,
      hasCard: m.hasCard ?? null,
      relation: m.relation ?? null,
      detail: m.detail ?? null,
    }));
    const datasets: LineageEntry[] = view.datasets.map(({ data: d }) => ({
      kind: "dataset",
      repoId: d.repoId,
      depth: 1,
      parent: null,
      status: d.status,
      license: d.license,
      licenseName: null,
      gated: d.gated ?? null,
      hasCard: d.hasCard ?? null,
      relation: null,
      piiStatements: d.piiStatements,
      detail: d.detail ?? null,
    }));
    return { lineage: [...models, ...datasets] };
  },
};

/** Builds the `lineage` section of the report. */
export const summaries: readonly ReportSummary[] = [lineageSummary];
