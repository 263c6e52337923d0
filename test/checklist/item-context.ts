import { loadChecklist, loadRules } from "../../src/catalog/load-rules.js";
import type { ItemContext } from "../../src/checklist/item-context.js";
import type { ChecklistItemId } from "../../src/types/checklist.js";
import type { Fact } from "../../src/types/fact.js";
import type { Finding, Severity } from "../../src/types/finding.js";
import type { ScanTarget } from "../../src/types/source.js";

/** An item's context from the shipped checklist and rules, with the given facts and findings. */
export function itemContext(id: ChecklistItemId, parts: { facts?: Fact[]; findings?: Finding[]; target?: ScanTarget; metadataOnly?: boolean } = {}): ItemContext {
  const meta = loadChecklist().find((m) => m.id === id);
  if (!meta) throw new Error(`no checklist item ${id}`);
  return {
    meta,
    facts: parts.facts ?? [],
    findings: parts.findings ?? [],
    rules: new Map(loadRules().map((r) => [r.id, r])),
    target: parts.target ?? { kind: "local-dir", input: "./m" },
    metadataOnly: parts.metadataOnly ?? false,
  };
}

export function finding(ruleId: string, severity: Severity, path?: string): Finding {
  const f: Finding = { ruleId, ruleName: ruleId.toLowerCase(), severity, message: `${path ?? ""}: detail`, evidence: [], fingerprint: `${ruleId}:${path ?? ""}` };
  if (path) f.artifact = { path };
  return f;
}
