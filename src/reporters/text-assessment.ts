import type { Assessment } from "../assessment/types.js";
import { plainText } from "./sanitize.js";

type Paint = (s: string) => string;

export interface AssessmentPaint {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
}

/** The assessment for a terminal: tier verdict with the items it did not accept, scores, red flags, Section D, remediation. */
export function assessmentText(a: Assessment, c: AssessmentPaint): string[] {
  const lines: string[] = [""];
  if (a.tier) {
    const t = a.tier;
    lines.push(c.bold(`Tier ${t.level} (${plainText(t.name)}): `) + (t.passed ? c.green(c.bold("MEETS THE TIER")) : c.red(c.bold("DOES NOT MEET THE TIER"))) + c.dim(` fail-on ${t.failOn}`));
    for (const i of t.items) lines.push(`  ${i.accepted ? c.green("ok  ") : c.red("FAIL")} ${String(i.number).padStart(2)}. ${plainText(i.title)}: ${plainText(i.reason)}`);
    for (const r of t.requirements) lines.push(`  ${r.met ? c.green("ok  ") : r.waived ? c.yellow("WAIV") : c.red("FAIL")}     ${plainText(r.title)}: ${plainText(r.reason)}`);
    for (const w of t.ignoredWaivers) lines.push(c.yellow(`  waiver ignored (${plainText(w.rule ?? w.item ?? "")}): ${plainText(w.why)}`));
  } else {
    lines.push(c.bold("Assessment") + c.dim(" (no tier chosen; --tier 1|2|3 gates under a risk tier)"));
  }

  lines.push("");
  lines.push(c.bold(`Scores: overall ${a.scores.overall.score}/5 (${plainText(a.scores.overall.label)})`));
  for (const d of a.scores.dimensions) {
    lines.push(`  ${plainText(d.title).padEnd(15)} ${d.score === null ? c.dim("not scored") : `${d.score}/5 ${plainText(d.label)}`}`);
    for (const r of d.reasons) lines.push(c.dim(`      ${r.points > 0 ? `-${r.points} ` : "· "}${plainText(r.text)}`));
  }

  lines.push("");
  lines.push(c.bold(`Red flags (${a.redFlags.length})`));
  if (a.redFlags.length === 0) lines.push("  none shown by the evidence");
  for (const f of a.redFlags) lines.push(`  ${c.red("!")} ${plainText(f.title)}: ${plainText(f.reason)}`);

  lines.push("");
  lines.push(c.bold("Section D: supply-chain security"));
  for (const q of a.sectionD) {
    lines.push(`  ${q.question}. ${plainText(q.text)} ${c.dim(`[${q.status}]`)}`);
    lines.push(`      ${plainText(q.answer)}`);
    if (q.askVendor) lines.push(c.yellow(`      ask the vendor: ${plainText(q.askVendor)}`));
  }

  lines.push("");
  lines.push(c.bold(`Remediation plan (${a.remediation.length})${a.date ? ` from ${plainText(a.date)}` : ""}`));
  if (a.remediation.length === 0) lines.push("  nothing to remediate");
  for (const r of a.remediation) {
    const due = r.due.date ?? (r.due.days === 0 ? "before use" : `+${r.due.days} days`);
    lines.push(`  ${due.padEnd(11)} ${plainText(r.owner)}: ${plainText(r.text)}`);
  }
  return lines;
}
