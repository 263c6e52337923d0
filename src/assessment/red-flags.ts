import type { AssessmentInput } from "./assessment-input.js";
import { findingEvidence, findingFiles, MAX_EVIDENCE, publisher } from "./assessment-input.js";
import type { RedFlag } from "./types.js";

interface VettedEntry {
  owner: string;
  reason: string;
}

/** Owners on rules/_lists/vetted-publishers.yaml (plus the policy's entries), lower-cased. */
export function vettedPublishers(raw: unknown): Map<string, string> {
  const entries = typeof raw === "object" && raw !== null && Array.isArray((raw as { entries?: unknown }).entries) ? (raw as { entries: unknown[] }).entries : [];
  const out = new Map<string, string>();
  for (const e of entries) {
    const v = e as Partial<VettedEntry>;
    if (typeof v.owner === "string" && v.owner.trim() !== "") out.set(v.owner.trim().toLowerCase(), typeof v.reason === "string" ? v.reason : "");
  }
  return out;
}

/**
 * The framework's red flags the evidence shows: each from unwaived findings (a waived finding
 * raises no flag), opaque weights only when the publisher is not vetted.
 */
export function buildRedFlags(input: AssessmentInput): RedFlag[] {
  const findings = input.report.findings.filter((f) => !f.suppressed);
  const vetted = vettedPublishers(input.list("vetted-publishers"));
  const owner = publisher(input.report);
  const flags: RedFlag[] = [];
  for (const rule of input.rules.redFlags) {
    const names = new Set(rule.rules);
    const hits = findings.filter((f) => names.has(f.ruleName));
    if (hits.length === 0 || input.facts.some((f) => rule.unlessFacts.includes(f.kind))) continue;
    const evidence = hits.slice(0, MAX_EVIDENCE).map(findingEvidence);
    if (rule.kind === "findings") {
      const first = hits[0];
      flags.push({ id: rule.id, title: rule.title, reason: `${first?.message ?? ""}${hits.length > 1 ? ` (and ${hits.length - 1} more finding(s))` : ""}`, evidence });
      continue;
    }
    if (owner && vetted.has(owner.toLowerCase())) continue;
    const files = findingFiles(hits);
    const who = owner ? `publisher "${owner}" is not on the vetted-publishers list` : "the publisher is unknown (a local folder scanned without --against)";
    flags.push({ id: rule.id, title: rule.title, reason: `${files.length} weight file(s) are pickle (${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}) and the ${who}`, evidence });
  }
  return flags;
}
