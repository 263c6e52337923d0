import type { Assessment, AssessmentEvidence, RemediationAction } from "../assessment/types.js";
import { mdCode, mdText } from "./sanitize.js";

const SECTION_D_STATUS = { answered: "✅ answered", partial: "◐ partly answered", "ask-vendor": "❓ ask the vendor" } as const;

/** Evidence lines shown per entry; the JSON report has all of them. */
const MAX_EVIDENCE = 5;

function evidenceLine(e: AssessmentEvidence): string {
  return `${mdText(e.text)}${e.path ? ` (${mdCode(e.path)})` : ""}`;
}

function due(a: RemediationAction): string {
  const rel = a.due.days === 0 ? "before use" : `+${a.due.days} days`;
  return a.due.date ? `${a.due.date} (${rel})` : rel;
}

/** The assessment as Markdown sections: tier, scores, red flags, Section D, remediation plan. */
export function assessmentMarkdown(a: Assessment): string[] {
  const out: string[] = [];
  out.push("");
  out.push("## Assessment");
  out.push("");
  if (a.tier) {
    out.push(`**Tier ${a.tier.level}: ${mdText(a.tier.name)}: ${a.tier.passed ? "✅ meets the tier" : "❌ does not meet the tier"}** (fails on ${a.tier.failOn}${a.tier.failOn === "none" ? "" : " and above"})`);
    out.push("");
    out.push(mdText(a.tier.description));
    out.push("");
    out.push("| # | Item | Status | Under this tier |");
    out.push("|---|------|--------|-----------------|");
    for (const i of a.tier.items) out.push(`| ${i.number} | ${mdText(i.title)} | ${i.status} | ${i.accepted ? "✅" : "❌"} ${mdText(i.reason)} |`);
    if (a.tier.requirements.length > 0) {
      out.push("");
      out.push("| Requirement | Met | Why |");
      out.push("|-------------|-----|-----|");
      for (const r of a.tier.requirements) out.push(`| ${mdText(r.title)} | ${r.met ? "✅ yes" : r.waived ? "☑️ waived" : "❌ no"} | ${mdText(r.reason)} |`);
    }
    for (const w of a.tier.ignoredWaivers) out.push(`- Waiver ignored (${mdText(w.rule ?? w.item ?? "")}): ${mdText(w.why)}`);
  } else {
    out.push("No risk tier chosen: the gate above is the default one (use `--tier 1|2|3`).");
  }
  out.push(`- Assessment date: ${a.date ? mdText(a.date) : "not set (due dates are relative)"}`);

  out.push("");
  out.push(`### Scores (overall ${a.scores.overall.score}/5, ${mdText(a.scores.overall.label)})`);
  out.push("");
  out.push("| Dimension | Score | Reasons |");
  out.push("|-----------|-------|---------|");
  for (const d of a.scores.dimensions) {
    const reasons = d.reasons.map((r) => `${r.points > 0 ? `−${r.points}: ` : ""}${mdText(r.text)}`).join("<br>");
    out.push(`| ${mdText(d.title)} | ${d.score === null ? "not scored" : `${d.score}/5 ${mdText(d.label)}`} | ${reasons} |`);
  }
  out.push(`| **Overall** | **${a.scores.overall.score}/5** | ${a.scores.overall.reasons.map((r) => mdText(r.text)).join("<br>")} |`);

  out.push("");
  out.push(`### Red flags (${a.redFlags.length})`);
  out.push("");
  if (a.redFlags.length === 0) out.push("None shown by the evidence.");
  for (const f of a.redFlags) {
    out.push(`- 🚩 **${mdText(f.title)}**: ${mdText(f.reason)}`);
    for (const e of f.evidence.slice(0, MAX_EVIDENCE)) out.push(`  - ${evidenceLine(e)}`);
  }

  out.push("");
  out.push("### Section D: supply-chain security");
  for (const q of a.sectionD) {
    out.push("");
    out.push(`**${q.question}. ${mdText(q.text)}** ${SECTION_D_STATUS[q.status]}`);
    out.push("");
    out.push(mdText(q.answer));
    for (const e of q.evidence.slice(0, MAX_EVIDENCE)) out.push(`- ${evidenceLine(e)}`);
    if (q.evidence.length > MAX_EVIDENCE) out.push(`- … ${q.evidence.length - MAX_EVIDENCE} more in the JSON report`);
    if (q.askVendor) {
      out.push("");
      out.push(`> Ask the vendor: ${mdText(q.askVendor)}`);
    }
  }

  out.push("");
  out.push(`### Remediation plan (${a.remediation.length})`);
  out.push("");
  if (a.remediation.length === 0) out.push("Nothing to remediate.");
  else {
    out.push("| Due | Owner | Action | For |");
    out.push("|-----|-------|--------|-----|");
    for (const r of a.remediation) {
      const what = [...r.items, ...r.requirements, ...r.ruleIds].map(mdText).join(", ");
      out.push(`| ${mdText(due(r))} | ${mdText(r.owner)} | ${mdText(r.text)} | ${what} |`);
    }
  }
  return out;
}
