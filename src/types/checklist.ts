import type { Evidence } from "./finding.js";

export type ChecklistStatus = "pass" | "fail" | "review" | "not-applicable" | "not-checked";

export type ChecklistItemId =
  | "model-source"
  | "data-provenance"
  | "pii-sanitization"
  | "architecture-documentation"
  | "training-pipeline"
  | "dependency-scanning"
  | "weight-integrity";

export interface ChecklistItem {
  id: ChecklistItemId;
  number: number;
  title: string;
  description: string;
  status: ChecklistStatus;
  /** One line saying why this status. */
  summary: string;
  evidence: Evidence[];
  /** Rule ids whose findings feed this item. */
  ruleIds: string[];
}
