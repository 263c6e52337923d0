import pc from "picocolors";
import type { ChecklistStatus } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";
import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";

export interface TextOptions {
  color: boolean;
  /** Evidence lines shown per checklist item. */
  maxEvidence?: number;
}

const STATUS_LABEL: Record<ChecklistStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  review: "REVIEW",
  "not-applicable": "N/A",
  "not-checked": "NOT CHECKED",
};

/** A readable checklist for a terminal: verdict first, then the seven items, then findings. */
export function renderText(report: ScanReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const statusColor: Record<ChecklistStatus, (s: string) => string> = {
    pass: c.green,
    fail: c.red,
    review: c.yellow,
    "not-applicable": c.dim,
    "not-checked": c.dim,
  };
  const sevColor: Record<Severity, (s: string) => string> = { critical: c.red, high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const max = options.maxEvidence ?? 8;
  const lines: string[] = [];
  const t = report.target;
  const what = t.repoId ? `${t.repoId}${t.commitSha ? `@${t.commitSha.slice(0, 12)}` : t.revision ? `@${t.revision}` : ""}` : t.input;
  lines.push(c.bold(`modelgate ${report.tool.version} — ${what} (${t.kind})`));
  const v = report.verdict;
  const gateLine = v.passed
    ? v.incomplete && !v.allowIncomplete
      ? c.yellow("INCOMPLETE: no finding fails the gate, but some files could not be checked")
      : c.green(`PASSED (fail-on: ${v.failOn})`)
    : c.red(`FAILED: findings at or above ${v.failOn}`);
  lines.push(gateLine);
  lines.push("");
  lines.push(c.bold("Supply-chain checklist"));
  for (const item of report.checklist) {
    lines.push(`${item.number}. ${statusColor[item.status](`[${STATUS_LABEL[item.status]}]`)} ${item.title} — ${item.summary}`);
    for (const e of item.evidence.slice(0, max)) lines.push(`     ${c.dim("·")} ${e.text}`);
    if (item.evidence.length > max) lines.push(`     ${c.dim(`… ${item.evidence.length - max} more (see --format json)`)}`);
  }
  const active = report.findings.filter((f) => !f.suppressed);
  lines.push("");
  lines.push(c.bold(`Findings (${active.length}${active.length !== report.findings.length ? `, ${report.findings.length - active.length} waived` : ""})`));
  if (active.length === 0) lines.push("  none");
  for (const f of active) {
    const where = f.artifact ? refToString(f.artifact) : "";
    const at = f.region?.byteOffset !== undefined ? ` @0x${f.region.byteOffset.toString(16)}` : f.region?.startLine !== undefined ? `:${f.region.startLine}` : "";
    lines.push(`  ${sevColor[f.severity](f.severity.toUpperCase().padEnd(8))} ${f.ruleId} ${where}${at}`);
    lines.push(`           ${f.message}`);
  }
  if (report.incomplete.length > 0) {
    lines.push("");
    lines.push(c.bold(c.yellow(`Not checked (${report.incomplete.length})`)));
    for (const i of report.incomplete.slice(0, 50)) lines.push(`  ${i.path ?? "(target)"}: ${i.reason}`);
  }
  const counts = Object.entries(v.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  const verified = report.files.filter((f) => f.verification === "verified").length;
  lines.push("");
  lines.push(c.dim(`${report.files.length} file(s), ${verified} verified; findings: ${counts.length ? counts.join(", ") : "none"}`));
  return lines.join("\n") + "\n";
}
