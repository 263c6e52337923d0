import type { RuleMeta } from "../catalog/rule.js";
import { HOMEPAGE } from "../version.js";
import type { ChecklistItem } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";
import type { SarifLevel, SarifReportingDescriptor } from "./sarif-types.js";

/**
 * Where the project's sources (and so each rule's YAML) are published: package.json `homepage`.
 * Until the project has a public home, descriptors carry no helpUri rather than a made-up link;
 * the full help text and markdown are in every descriptor anyway.
 */
export const PROJECT_URL: string | undefined = HOMEPAGE;

/** DESIGN.md "Names": severity → SARIF level. */
export const SEVERITY_LEVEL: Record<Severity, SarifLevel> = { critical: "error", high: "error", medium: "warning", low: "note", info: "note" };

/**
 * GitHub code scanning reads `security-severity` as a string score: > 9.0 critical, 7.0–8.9 high,
 * 4.0–6.9 medium, 0.1–3.9 low, 0.0 none. These values land in the middle of each band.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", info: "0.0" };

/** Checklist items are emitted as results of their own rules: MG-CHK-001 … MG-CHK-007. */
export function checklistRuleId(item: Pick<ChecklistItem, "number">): string {
  return `MG-CHK-${String(item.number).padStart(3, "0")}`;
}

/** SARIF2012 asks for a PascalCase friendly name; `integrity-hash-mismatch` → `IntegrityHashMismatch`. */
export function pascalCase(kebab: string): string {
  return kebab
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

function cweUrl(cwe: string): string {
  const n = /^CWE-(\d+)$/i.exec(cwe)?.[1];
  return n ? `https://cwe.mitre.org/data/definitions/${n}.html` : "";
}

/** GitHub's convention for CWE tags (`external/cwe/cwe-494`), which its UI links and filters on. */
function cweTag(cwe: string): string | undefined {
  const n = /^CWE-(\d+)$/i.exec(cwe)?.[1];
  return n ? `external/cwe/cwe-${n.padStart(3, "0")}` : undefined;
}

function helpText(rule: RuleMeta): string {
  const parts = [rule.description, `Remediation: ${rule.remediation}`];
  if (rule.cwe.length > 0) parts.push(`Weaknesses: ${rule.cwe.join(", ")}`);
  if (rule.references.length > 0) parts.push(`References:\n${rule.references.map((r) => `- ${r}`).join("\n")}`);
  return parts.join("\n\n");
}

function helpMarkdown(rule: RuleMeta): string {
  const parts = [`**${rule.summary}**`, rule.description, `**Remediation.** ${rule.remediation}`];
  if (rule.cwe.length > 0) parts.push(`**Weaknesses.** ${rule.cwe.map((c) => (cweUrl(c) ? `[${c}](${cweUrl(c)})` : c)).join(", ")}`);
  if (rule.references.length > 0) parts.push(`**References**\n\n${rule.references.map((r) => `- <${r}>`).join("\n")}`);
  return parts.join("\n\n");
}

/** One descriptor per rule, straight from its YAML (the single source of rule metadata). */
export function ruleDescriptor(rule: RuleMeta): SarifReportingDescriptor {
  const tags = [...new Set([...rule.tags, ...rule.cwe.flatMap((c) => cweTag(c) ?? [])])].sort();
  return {
    id: rule.id,
    name: pascalCase(rule.name),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(PROJECT_URL ? { helpUri: `${PROJECT_URL}/blob/main/rules/${rule.family}/${rule.name}.yaml` } : {}),
    defaultConfiguration: { level: SEVERITY_LEVEL[rule.severity] },
    properties: {
      tags,
      precision: rule.confidence,
      "security-severity": SECURITY_SEVERITY[rule.severity],
      cwe: [...rule.cwe],
      severity: rule.severity,
      kebabName: rule.name,
      family: rule.family,
      checklist: rule.checklist,
    },
  };
}

/** A checklist item as a rule: its results say pass / fail / review / not applicable for the target. */
export function checklistDescriptor(item: ChecklistItem): SarifReportingDescriptor {
  const title = `Checklist ${item.number}: ${item.title}`;
  return {
    id: checklistRuleId(item),
    name: `Checklist${pascalCase(item.id)}`,
    shortDescription: { text: `${title}.` },
    fullDescription: { text: item.description },
    help: {
      text: `${item.description}\n\nA result of this rule carries the item's status as its kind: pass, fail, review (needs a person), notApplicable, or open (not checked by this version).`,
      markdown: `**${title}**\n\n${item.description}\n\nA result of this rule carries the item's status as its \`kind\`: \`pass\`, \`fail\`, \`review\` (needs a person), \`notApplicable\`, or \`open\` (not checked by this version).`,
    },
    ...(PROJECT_URL ? { helpUri: `${PROJECT_URL}/blob/main/rules/checklist.yaml` } : {}),
    defaultConfiguration: { level: "warning" },
    properties: { tags: ["checklist", "supply-chain"], precision: "medium", checklist: item.id, kebabName: `checklist-${item.id}` },
  };
}
