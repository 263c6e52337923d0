import type { ChecklistItemId } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";

/** One rule as written in `rules/<family>/<name>.yaml`: the single source for SARIF, docs and messages. */
export interface RuleMeta {
  id: string;
  name: string;
  family: string;
  checklist: ChecklistItemId;
  severity: Severity;
  confidence: "high" | "medium" | "low";
  summary: string;
  description: string;
  remediation: string;
  cwe: string[];
  references: string[];
  tags: string[];
  messages: Record<string, string>;
}

export interface ChecklistItemMeta {
  id: ChecklistItemId;
  number: number;
  title: string;
  description: string;
  /** What a reviewer should look at when the item needs human review. */
  reviewGuidance: string;
  /** Fact kinds whose presence shows the item was checked. */
  coveredBy: string[];
}
