import type { ChecklistItemMeta, RuleMeta } from "../catalog/rule.js";
import type { ChecklistItem } from "../types/checklist.js";
import type { Fact } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { ScanTarget } from "../types/source.js";
import { itemEvaluators } from "./items/index.js";

export interface EvaluateChecklistParams {
  items: readonly ChecklistItemMeta[];
  rules: readonly RuleMeta[];
  facts: readonly Fact[];
  findings: readonly Finding[];
  target: ScanTarget;
  metadataOnly: boolean;
}

/** Fills the seven checklist items from facts and (unsuppressed) findings. */
export function evaluateChecklist(params: EvaluateChecklistParams): ChecklistItem[] {
  const rulesById = new Map(params.rules.map((r) => [r.id, r]));
  return params.items.map((meta) => {
    const ruleIds = params.rules.filter((r) => r.checklist === meta.id).map((r) => r.id);
    const findings = params.findings.filter((f) => !f.suppressed && rulesById.get(f.ruleId)?.checklist === meta.id);
    const result = itemEvaluators[meta.id]({ meta, facts: params.facts, findings, rules: rulesById, target: params.target, metadataOnly: params.metadataOnly });
    return { id: meta.id, number: meta.number, title: meta.title, description: meta.description, ruleIds, ...result };
  });
}
