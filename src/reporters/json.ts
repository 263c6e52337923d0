import type { Evidence, Finding } from "../types/finding.js";
import type { ChecklistItem } from "../types/checklist.js";
import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";
import type { RuleMeta } from "../catalog/rule.js";
import { publicSource, publicTarget } from "./public-url.js";

/** Top-level keys of the JSON contract; a report section may not shadow one of them. */
const CORE_KEYS = new Set(["schemaVersion", "tool", "generatedAt", "target", "source", "options", "verdict", "files", "checklist", "findings", "incomplete", "rules"]);

function jsonEvidence(e: Evidence): Record<string, unknown> {
  return { text: e.text, ...(e.artifact ? { path: refToString(e.artifact) } : {}), ...(e.region ? { region: e.region } : {}) };
}

/** A finding as every JSON output writes it (`#/$defs/finding` of schema/report.schema.json). */
export function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    severity: f.severity,
    message: f.message,
    ...(f.artifact ? { path: refToString(f.artifact) } : {}),
    ...(f.region ? { region: f.region } : {}),
    evidence: f.evidence.map(jsonEvidence),
    fingerprint: f.fingerprint,
    ...(f.advisories ? { advisories: f.advisories } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  };
}

/** A rule as every JSON output writes it (`#/$defs/rule` of schema/report.schema.json). */
export function jsonRule(r: RuleMeta): Record<string, unknown> {
  return { id: r.id, name: r.name, severity: r.severity, confidence: r.confidence, checklist: r.checklist, summary: r.summary, cwe: r.cwe };
}

function jsonItem(i: ChecklistItem): Record<string, unknown> {
  return { id: i.id, number: i.number, title: i.title, description: i.description, status: i.status, summary: i.summary, evidence: i.evidence.map(jsonEvidence), ruleIds: i.ruleIds };
}

/**
 * The JSON report (schema: `schema/report.schema.json`): the ScanReport with artifact refs
 * flattened to `file!/member` strings, keys in a fixed order, and the report sections (card,
 * lineage, ...) at top level.
 */
export function toJsonObject(report: ScanReport): Record<string, unknown> {
  const sections = Object.fromEntries(
    Object.entries(report.sections as unknown as Record<string, unknown>)
      .filter(([k, v]) => !CORE_KEYS.has(k) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    schemaVersion: report.schemaVersion,
    tool: report.tool,
    ...(report.generatedAt ? { generatedAt: report.generatedAt } : {}),
    target: publicTarget(report.target),
    ...(report.source ? { source: publicSource(report.source) } : {}),
    options: report.options,
    verdict: report.verdict,
    files: report.files,
    checklist: report.checklist.map(jsonItem),
    findings: report.findings.map(jsonFinding),
    incomplete: report.incomplete,
    ...sections,
    rules: report.rules.map(jsonRule),
  };
}

export function renderJson(report: ScanReport): string {
  return JSON.stringify(toJsonObject(report), null, 2) + "\n";
}
