import type { ChecklistItemMeta, RuleMeta } from "../catalog/rule.js";
import type { ChecklistStatus } from "../types/checklist.js";
import type { Fact } from "../types/fact.js";
import type { Evidence, Finding } from "../types/finding.js";
import type { ScanTarget } from "../types/source.js";

export interface ItemContext {
  meta: ChecklistItemMeta;
  facts: readonly Fact[];
  /** Unsuppressed findings whose rule feeds this item. */
  findings: readonly Finding[];
  rules: ReadonlyMap<string, RuleMeta>;
  target: ScanTarget;
  metadataOnly: boolean;
}

export interface ItemResult {
  status: ChecklistStatus;
  summary: string;
  evidence: Evidence[];
}

export type ItemEvaluator = (ctx: ItemContext) => ItemResult;
