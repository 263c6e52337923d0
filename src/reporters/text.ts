import pc from "picocolors";
import type { ChecklistStatus } from "../types/checklist.js";
import { severityRank, type Finding, type Severity } from "../types/finding.js";
import type { Region } from "../types/region.js";
import type { ScanReport, Verdict } from "../types/report.js";
import { refToString } from "../types/artifact.js";
import { plainText } from "./sanitize.js";
import { lineageTree } from "./text-lineage.js";
import { assessmentText } from "./text-assessment.js";

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

/** Files listed with their format and verification state; the JSON report lists all. */
const MAX_FILES = 40;

/** More info findings of one rule than this are folded into one line (JSON keeps every one). */
const MAX_INFO_PER_RULE = 3;

/** Lines listing what could not be checked; a long list is cut, the JSON report has all of it. */
const MAX_INCOMPLETE = 50;

type Paint = (s: string) => string;

/** `file!/member @0x2a` or `file:3-5`; every part comes from the repo, so it is made inert. */
function location(f: Pick<Finding, "artifact" | "region">): string {
  const where = f.artifact ? plainText(refToString(f.artifact)) : "(repository)";
  return where + regionSuffix(f.region);
}

function regionSuffix(r: Region | undefined): string {
  if (!r) return "";
  if (r.startLine !== undefined) return `:${r.startLine}${r.endLine !== undefined && r.endLine !== r.startLine ? `-${r.endLine}` : ""}`;
  if (r.byteOffset !== undefined) return ` @0x${r.byteOffset.toString(16)}${r.byteLength !== undefined ? ` (${r.byteLength} bytes)` : ""}`;
  return "";
}

/** Why the gate failed: findings at or above fail-on, the risk tier, or both. */
function failedBecause(v: Verdict): string {
  const byFindings = v.failOn !== "none" && v.highest !== undefined && severityRank(v.highest) >= severityRank(v.failOn);
  const byTier = v.tier !== undefined && !v.tier.passed;
  const parts = [...(byFindings || !byTier ? [`findings at or above ${v.failOn}`] : []), ...(byTier ? [`does not meet Tier ${v.tier?.level ?? ""} (see the assessment below)`] : [])];
  return parts.join("; ");
}

export function gateLabel(v: Verdict): "passed" | "failed" | "incomplete" {
  if (!v.passed) return "failed";
  return v.incomplete && !v.allowIncomplete ? "incomplete" : "passed";
}

/** A readable checklist for a terminal: verdict first, then the seven items, then findings. */
export function renderText(report: ScanReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const statusColor: Record<ChecklistStatus, Paint> = { pass: c.green, fail: c.red, review: c.yellow, "not-applicable": c.dim, "not-checked": c.dim };
  const sevColor: Record<Severity, Paint> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const max = options.maxEvidence ?? 8;
  const lines: string[] = [];
  const t = report.target;
  const what = t.repoId ? `${t.repoId}${t.commitSha ? `@${t.commitSha.slice(0, 12)}` : t.revision ? `@${t.revision}` : ""}` : t.input;
  lines.push(c.bold(`modelgate ${report.tool.version}: ${plainText(what)} (${t.kind}${report.options.metadataOnly ? ", metadata only" : ""})`));
  if (t.against) lines.push(c.dim(`compared with ${plainText(t.against.repoId)}@${plainText(t.against.commitSha ?? t.against.revision)}`));

  const v = report.verdict;
  const gate = gateLabel(v);
  lines.push(
    gate === "failed"
      ? c.red(c.bold(`FAILED: ${failedBecause(v)}`))
      : gate === "incomplete"
        ? c.yellow(c.bold("INCOMPLETE: no finding fails the gate, but some files could not be checked"))
        : c.green(c.bold(`PASSED (fail-on: ${v.failOn})`)),
  );

  lines.push("");
  lines.push(c.bold("Supply-chain checklist"));
  for (const item of report.checklist) {
    const label = `[${STATUS_LABEL[item.status]}]`.padEnd(13);
    lines.push(`${String(item.number).padStart(2)}. ${statusColor[item.status](label)} ${plainText(item.title)}: ${plainText(item.summary)}`);
    for (const e of item.evidence.slice(0, max)) lines.push(`      ${c.dim("·")} ${plainText(e.text)}`);
    if (item.evidence.length > max) lines.push(`      ${c.dim(`… ${item.evidence.length - max} more (see --format json)`)}`);
  }

  const active = report.findings.filter((f) => !f.suppressed);
  const waived = report.findings.filter((f) => f.suppressed);
  lines.push("");
  lines.push(c.bold(`Findings (${active.length})`));
  if (active.length === 0) lines.push("  none");
  const infoByRule = new Map<string, Finding[]>();
  for (const f of active) if (f.severity === "info") infoByRule.set(f.ruleId, [...(infoByRule.get(f.ruleId) ?? []), f]);
  const folded = new Set<string>();
  for (const f of active) {
    const group = f.severity === "info" ? (infoByRule.get(f.ruleId) ?? []) : [];
    if (group.length > MAX_INFO_PER_RULE) {
      if (folded.has(f.ruleId)) continue;
      folded.add(f.ruleId);
      const paths = group.map((g) => location(g));
      const shown = paths.slice(0, 5).join(", ") + (paths.length > 5 ? `, … ${paths.length - 5} more` : "");
      lines.push(`  ${sevColor.info("INFO".padEnd(8))} ${f.ruleId} ${plainText(f.ruleName)}  ×${group.length}`);
      lines.push(`           ${shown}`);
      continue;
    }
    lines.push(`  ${sevColor[f.severity](f.severity.toUpperCase().padEnd(8))} ${f.ruleId} ${plainText(f.ruleName)}  ${location(f)}`);
    lines.push(`           ${plainText(f.message)}`);
  }
  if (waived.length > 0) {
    lines.push("");
    lines.push(c.bold(`Waived by policy (${waived.length})`));
    for (const f of waived) {
      lines.push(c.dim(`  ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${plainText(f.ruleName)}  ${location(f)}`));
      lines.push(c.dim(`           ${plainText(f.message)}`));
      lines.push(c.dim(`           waiver: ${plainText(f.suppressed?.reason ?? "")}`));
    }
  }

  if (report.incomplete.length > 0) {
    lines.push("");
    lines.push(c.bold(c.yellow(`Not checked (${report.incomplete.length})`)));
    for (const i of report.incomplete.slice(0, MAX_INCOMPLETE)) lines.push(`  ${plainText(i.path ?? "(target)")}: ${plainText(i.reason)}`);
    if (report.incomplete.length > MAX_INCOMPLETE) lines.push(c.dim(`  … ${report.incomplete.length - MAX_INCOMPLETE} more (see --format json)`));
  }

  if (report.sections.assessment) lines.push(...assessmentText(report.sections.assessment, c));

  const lineage = report.sections.lineage;
  if (lineage && lineage.length > 0) {
    lines.push("");
    lines.push(c.bold("Lineage"));
    lines.push(...lineageTree(t.repoId ?? t.input, lineage));
  }

  lines.push("");
  lines.push(c.bold(`Files (${report.files.length})`));
  for (const f of report.files.slice(0, MAX_FILES)) {
    const state = f.verification === "verified" ? c.green(f.verification) : f.verification === "mismatch" || f.verification === "unreadable" ? c.red(f.verification) : c.dim(f.verification);
    const members = f.members && f.members.length > 0 ? c.dim(` (${f.members.length} member(s) inspected)`) : "";
    lines.push(`  ${state}${" ".repeat(Math.max(1, 13 - f.verification.length))}${(f.format ?? "-").padEnd(15)} ${plainText(f.path)}${members}`);
  }
  if (report.files.length > MAX_FILES) lines.push(c.dim(`  … ${report.files.length - MAX_FILES} more (see --format json)`));

  const byState = new Map<string, number>();
  for (const f of report.files) byState.set(f.verification, (byState.get(f.verification) ?? 0) + 1);
  const states = [...byState.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${n} ${s}`);
  const counts = Object.entries(v.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  lines.push("");
  lines.push(c.dim(`${report.files.length} file(s)${states.length ? ` (${states.join(", ")})` : ""}; findings: ${counts.length ? counts.join(", ") : "none"}${waived.length ? `; ${waived.length} waived` : ""}`));
  const set = report.sections.advisorySet;
  if (set) lines.push(c.dim(`advisory set: ${plainText(set.date)} (${set.count} advisories)`));
  return lines.join("\n") + "\n";
}
