import "../inspectors/dependencies/facts.js";
import type { RemediationOverride } from "../policy/policy.js";
import type { ChecklistItemId } from "../types/checklist.js";
import type { FactOf } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { DueDays } from "./assessment-rules.js";
import { actionableFindings, findingEvidence, findingFiles, MAX_EVIDENCE, modelName, type AssessmentInput } from "./assessment-input.js";
import type { AssessmentEvidence, RemediationAction } from "./types.js";

/** Files named in an action's text; the evidence lists more. */
const MAX_FILES_IN_TEXT = 5;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function filesText(files: readonly string[]): string {
  if (files.length === 0) return "the repository";
  return files.slice(0, MAX_FILES_IN_TEXT).join(", ") + (files.length > MAX_FILES_IN_TEXT ? ` and ${files.length - MAX_FILES_IN_TEXT} more` : "");
}

/** YYYY-MM-DD plus whole days, in UTC. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Draft {
  id: string;
  template: string;
  days: DueDays;
  values: Record<string, string>;
  items: ChecklistItemId[];
  requirements: string[];
  ruleIds: string[];
  evidence: AssessmentEvidence[];
}

/**
 * The remediation plan: every checklist item that fails or needs review (or that the tier does not
 * accept) and every unmet tier requirement becomes an action from rules/remediation/actions.yaml,
 * with the policy's edits, an owner and a due date relative to the assessment date.
 */
export function buildRemediation(input: AssessmentInput): RemediationAction[] {
  const { report, tier, rules } = input;
  const data = rules.remediation;
  const tierKey = tier ? String(tier.level) : "none";
  const itemOf = new Map(report.rules.map((r) => [r.id, r.checklist]));
  const accepted = new Map((tier?.items ?? []).map((i) => [i.id, i]));
  const open = new Set<ChecklistItemId>(
    report.checklist
      .filter((i) => {
        const t = accepted.get(i.id);
        if (t?.waiver) return false;
        return i.status === "fail" || i.status === "review" || (t !== undefined && !t.accepted);
      })
      .map((i) => i.id),
  );
  const unmet = (tier?.requirements ?? []).filter((r) => !r.met && !r.waived);
  const findings = actionableFindings(report);
  const commit = report.target.commitSha ?? report.target.against?.commitSha ?? "<commit>";
  const base = { model: modelName(report), commit, tier: tier ? `Tier ${tier.level}` : "no tier" };

  const drafts: Draft[] = [];
  const covered = new Set<ChecklistItemId>();
  for (const rule of data.actions) {
    const names = new Set(rule.rules);
    const hits = findings.filter((f) => names.has(f.ruleName));
    const reqs = unmet.filter((r) => rule.requirements.includes(r.id));
    if (hits.length === 0 && reqs.length === 0) continue;
    const fromFindings = hits.flatMap((f) => {
      const it = itemOf.get(f.ruleId);
      return it ? [it] : [];
    });
    const items = [...new Set([...fromFindings, ...rule.items.filter((it) => open.has(it))])].sort();
    for (const it of items) covered.add(it);
    const evidence = [...reqs.map((r) => ({ text: `${r.title}: ${r.reason}` })), ...hits.slice(0, MAX_EVIDENCE).map(findingEvidence)];
    const common = { id: rule.id, template: rule.text, days: rule.days, items, requirements: reqs.map((r) => r.id), ruleIds: [...new Set(hits.map((f) => f.ruleId))].sort(), evidence };
    const packages = rule.perPackage ? perPackage(input, hits) : [];
    if (packages.length > 0) {
      drafts.push(...packages.map((p) => ({ ...common, values: { ...base, ...p.values, files: filesText(p.files), count: String(p.count) } })));
      continue;
    }
    const generic = { package: "the library", version: "(version in the findings)", advisories: "see the findings", minimumSafe: "a fixed version" };
    drafts.push({ ...common, values: { ...base, ...generic, files: filesText(findingFiles(hits)), count: String(hits.length) } });
  }
  for (const item of report.checklist) {
    if (!open.has(item.id) || covered.has(item.id)) continue;
    const fallback = data.items[item.id];
    const t = accepted.get(item.id);
    drafts.push({
      id: `item-${item.id}`,
      template: fallback.text,
      days: fallback.days ?? data.days,
      values: { ...base, files: "the repository", count: "0" },
      items: [item.id],
      requirements: [],
      ruleIds: [],
      evidence: [{ text: `item ${item.number} ${item.title} is ${item.status}: ${item.summary}` }, ...(t && !t.accepted ? [{ text: t.reason }] : [])],
    });
  }
  const overrides = input.policy.remediation;
  return drafts
    .map((d, order) => {
      const o: RemediationOverride = overrides?.actions[d.id] ?? {};
      const days = typeof o.days === "number" ? o.days : (o.days?.[tierKey] ?? d.days[tierKey] ?? data.days[tierKey] ?? 0);
      const action: RemediationAction = {
        id: d.id,
        text: fill(o.text ?? d.template, d.values),
        owner: o.owner ?? overrides?.owner ?? data.owner,
        due: { days, ...(input.date ? { date: addDays(input.date, days) } : {}) },
        items: d.items,
        requirements: d.requirements,
        ruleIds: d.ruleIds,
        evidence: d.evidence,
      };
      return { action, order };
    })
    .sort((a, b) => a.action.due.days - b.action.due.days || a.order - b.order)
    .map((x) => x.action);
}

/** One entry per vulnerable package: its version, advisories and the first version past them. */
function perPackage(input: AssessmentInput, hits: readonly Finding[]): { values: Record<string, string>; files: string[]; count: number }[] {
  const matches = input.facts.filter((f): f is FactOf<"dependencies.advisory-match"> => f.kind === "dependencies.advisory-match");
  const files = new Set(findingFiles(hits));
  const byPackage = new Map<string, FactOf<"dependencies.advisory-match">["data"][]>();
  for (const m of matches) if (files.size === 0 || files.has(m.data.sourceFile)) byPackage.set(m.data.package, [...(byPackage.get(m.data.package) ?? []), m.data]);
  return [...byPackage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pkg, ms]) => ({
      values: {
        package: pkg,
        version: [...new Set(ms.map((m) => m.version))].join(", "),
        advisories: [...new Set(ms.map((m) => m.advisoryId))].sort().join(", "),
        minimumSafe: ms.find((m) => m.minimumSafe)?.minimumSafe ?? "a fixed version",
      },
      files: [...new Set(ms.map((m) => m.sourceFile))].sort(),
      count: ms.length,
    }));
}
