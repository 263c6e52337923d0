import type { ChecklistStatus } from "../types/checklist.js";
import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";

const STATUS: Record<ChecklistStatus, string> = {
  pass: "✅ pass",
  fail: "❌ fail",
  review: "🔎 needs human review",
  "not-applicable": "➖ not applicable",
  "not-checked": "⏳ not checked",
};

/** Markdown cells must not break the table or inject markup. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ").replace(/</g, "&lt;");
}

/** The checklist as Markdown, for a vendor assessment or a pull-request comment. */
export function renderMarkdown(report: ScanReport): string {
  const t = report.target;
  const out: string[] = [];
  out.push(`# Model supply-chain checklist: ${cell(t.repoId ?? t.input)}`);
  out.push("");
  if (t.commitSha) out.push(`- Commit: \`${t.commitSha}\`${t.revision && t.revision !== t.commitSha ? ` (from \`${cell(t.revision)}\`)` : ""}`);
  out.push(`- Scanned by modelgate ${report.tool.version}${report.options.metadataOnly ? " (metadata only)" : ""}`);
  const v = report.verdict;
  out.push(`- Gate: **${v.passed ? (v.incomplete && !v.allowIncomplete ? "incomplete" : "passed") : "failed"}** (fail on ${v.failOn} and above)`);
  out.push("");
  out.push("| # | Item | Status | Summary |");
  out.push("|---|------|--------|---------|");
  for (const i of report.checklist) out.push(`| ${i.number} | ${cell(i.title)} | ${STATUS[i.status]} | ${cell(i.summary)} |`);
  for (const i of report.checklist) {
    out.push("");
    out.push(`## ${i.number}. ${i.title} — ${STATUS[i.status]}`);
    out.push("");
    out.push(cell(i.description));
    if (i.evidence.length > 0) out.push("");
    for (const e of i.evidence) out.push(`- ${cell(e.text)}${e.artifact ? ` (\`${cell(refToString(e.artifact))}\`)` : ""}`);
  }
  out.push("");
  out.push(`## Findings (${report.findings.length})`);
  out.push("");
  if (report.findings.length === 0) out.push("None.");
  else {
    out.push("| Severity | Rule | File | Message |");
    out.push("|----------|------|------|---------|");
    for (const f of report.findings) {
      out.push(`| ${f.severity}${f.suppressed ? " (waived)" : ""} | ${f.ruleId} ${f.ruleName} | ${f.artifact ? `\`${cell(refToString(f.artifact))}\`` : ""} | ${cell(f.message)} |`);
    }
  }
  if (report.incomplete.length > 0) {
    out.push("");
    out.push(`## Not checked (${report.incomplete.length})`);
    out.push("");
    for (const i of report.incomplete) out.push(`- ${i.path ? `\`${cell(i.path)}\`: ` : ""}${cell(i.reason)}`);
  }
  out.push("");
  out.push("## Files");
  out.push("");
  out.push("| File | Size | Format | SHA-256 | Verification |");
  out.push("|------|-----:|--------|---------|--------------|");
  for (const f of report.files) out.push(`| \`${cell(f.path)}\` | ${f.size} | ${f.format ?? ""} | ${f.sha256 ? `\`${f.sha256}\`` : ""} | ${f.verification} |`);
  return out.join("\n") + "\n";
}
