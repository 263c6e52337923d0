import type { ChecklistStatus } from "../types/checklist.js";
import type { Finding } from "../types/finding.js";
import type { Region } from "../types/region.js";
import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";
import { hubLink } from "./public-url.js";
import { mdCode, mdText } from "./sanitize.js";
import { gateLabel } from "./text.js";
import { assessmentMarkdown } from "./markdown-assessment.js";

const STATUS: Record<ChecklistStatus, string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  review: "🔎 needs human review",
  "not-applicable": "➖ not applicable",
  "not-checked": "⏳ not checked",
};

const GATE = { passed: "✅ passed", failed: "❌ failed", incomplete: "⚠️ incomplete" } as const;

function regionText(r: Region | undefined): string {
  if (!r) return "";
  if (r.startLine !== undefined) return ` line ${r.startLine}${r.endLine !== undefined && r.endLine !== r.startLine ? `–${r.endLine}` : ""}`;
  if (r.byteOffset !== undefined) return ` @ 0x${r.byteOffset.toString(16)}`;
  return "";
}

function where(f: Pick<Finding, "artifact" | "region">): string {
  return f.artifact ? `${mdCode(refToString(f.artifact))}${regionText(f.region)}` : "(repository)";
}


/** The checklist as Markdown, for a vendor assessment or a pull-request comment. */
export function renderMarkdown(report: ScanReport): string {
  const t = report.target;
  const v = report.verdict;
  const out: string[] = [];
  out.push(`# Model supply-chain checklist: ${mdText(t.repoId ?? t.input)}`);
  out.push("");
  if (t.repoId) out.push(`- Model: [${mdText(t.repoId)}](${hubLink(t.hubUrl, t.repoId, t.commitSha ?? t.revision)})`);
  else out.push(`- Target: ${mdCode(t.input)} (${t.kind})`);
  if (t.commitSha) out.push(`- Commit: ${mdCode(t.commitSha)}${t.revision && t.revision !== t.commitSha ? ` (from ${mdCode(t.revision)})` : ""}`);
  if (t.against) out.push(`- Compared with: [${mdText(t.against.repoId)}](${hubLink(t.hubUrl, t.against.repoId, t.against.commitSha ?? t.against.revision)})`);
  out.push(`- Scanned by: modelgate ${mdText(report.tool.version)}${report.options.metadataOnly ? " (metadata only: weights not downloaded)" : ""}${report.generatedAt ? ` at ${mdText(report.generatedAt)}` : ""}`);
  out.push(`- Gate: **${GATE[gateLabel(v)]}** (fails on ${v.failOn}${v.failOn === "none" ? "" : " and above"}${v.tier ? `; Tier ${v.tier.level} ${v.tier.passed ? "met" : "not met"}` : ""})`);
  const counts = Object.entries(v.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const waived = report.findings.filter((f) => f.suppressed);
  const active = report.findings.filter((f) => !f.suppressed);
  out.push(`- Findings: ${counts.length ? counts.join(", ") : "none"}${waived.length ? `; ${waived.length} waived` : ""}`);
  if (report.sections.advisorySet) out.push(`- Advisory set: ${mdText(report.sections.advisorySet.date)} (${report.sections.advisorySet.count} advisories)`);
  out.push("");
  out.push("| # | Item | Status | Summary |");
  out.push("|---|------|--------|---------|");
  for (const i of report.checklist) out.push(`| ${i.number} | ${mdText(i.title)} | ${STATUS[i.status]} | ${mdText(i.summary)} |`);
  for (const i of report.checklist) {
    out.push("");
    out.push(`## ${i.number}. ${mdText(i.title)}: ${STATUS[i.status]}`);
    out.push("");
    out.push(mdText(i.description));
    if (i.evidence.length > 0) out.push("");
    for (const e of i.evidence) out.push(`- ${mdText(e.text)}${e.artifact ? ` (${mdCode(refToString(e.artifact))})` : ""}`);
  }
  out.push("");
  out.push(`## Findings (${active.length})`);
  out.push("");
  if (active.length === 0) out.push("None.");
  else {
    out.push("| Severity | Rule | Location | Message |");
    out.push("|----------|------|----------|---------|");
    for (const f of active) out.push(`| ${f.severity} | ${f.ruleId} ${mdText(f.ruleName)} | ${where(f)} | ${mdText(f.message)} |`);
  }
  if (report.sections.assessment) out.push(...assessmentMarkdown(report.sections.assessment));
  if (waived.length > 0) {
    out.push("");
    out.push(`## Waived by policy (${waived.length})`);
    out.push("");
    out.push("| Severity | Rule | Location | Message | Waiver reason |");
    out.push("|----------|------|----------|---------|---------------|");
    for (const f of waived) out.push(`| ${f.severity} | ${f.ruleId} ${mdText(f.ruleName)} | ${where(f)} | ${mdText(f.message)} | ${mdText(f.suppressed?.reason ?? "")} |`);
  }
  if (report.incomplete.length > 0) {
    out.push("");
    out.push(`## Not checked (${report.incomplete.length})`);
    out.push("");
    for (const i of report.incomplete) out.push(`- ${i.path ? `${mdCode(i.path)}: ` : ""}${mdText(i.reason)}`);
  }
  out.push("");
  out.push(`## Files (${report.files.length})`);
  out.push("");
  out.push("| File | Size | Format | SHA-256 | Verification |");
  out.push("|------|-----:|--------|---------|--------------|");
  for (const f of report.files) {
    out.push(`| ${mdCode(f.path)} | ${f.size} | ${f.format ?? ""} | ${f.sha256 ? mdCode(f.sha256) : ""} | ${f.verification}${f.note ? `: ${mdText(f.note)}` : ""} |`);
  }
  return out.join("\n") + "\n";
}
