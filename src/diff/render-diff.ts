import { mdCode, mdText, plainText } from "../reporters/sanitize.js";
import { refToString } from "../types/artifact.js";
import { diffJson } from "./diff-json.js";
import type { RevisionDiff } from "./diff-revisions.js";

export const DIFF_FORMATS = ["text", "json", "markdown"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** One line: counts of file changes, then the notable changes (format, remote code, template, card). */
export function diffSummary(d: RevisionDiff): string {
  const count = (c: string): number => d.files.filter((f) => f.change === c).length;
  const parts = [`${count("changed")} file(s) changed, ${count("added")} added, ${count("removed")} removed`];
  for (const f of d.formats) if (f.formatA !== f.formatB && f.formatA && f.formatB) parts.push(`${f.path}: ${f.formatA} → ${f.formatB}`);
  const critical = d.findings.filter((f) => f.ruleId === "MG-DIF-001" && f.severity === "critical");
  for (const f of critical) parts.push(f.message);
  const code = d.remoteCode.filter((r) => r.change !== "removed");
  if (code.length > 0) parts.push(`remote code ${code.map((r) => r.change).includes("added") ? "added" : "changed"} (${code.map((r) => r.path).filter((p, i, a) => a.indexOf(p) === i).join(", ")})`);
  if (d.chatTemplates.length > 0) parts.push(`chat template ${d.chatTemplates.map((t) => t.change).join("/")}`);
  for (const c of d.card) parts.push(`card ${c.field} changed`);
  return parts.join("; ");
}

const where = (p: string | null | undefined): string => p ?? "(repository)";

export function renderDiffText(d: RevisionDiff): string {
  const out = [`modelgate diff ${plainText(d.repoId)} ${plainText(d.a.revision)} (${d.a.commit.slice(0, 12)}) → ${plainText(d.b.revision)} (${d.b.commit.slice(0, 12)})`, ""];
  if (d.a.commit === d.b.commit) out.push("Same commit: nothing changed.", "");
  if (d.files.length > 0) {
    out.push("Files:");
    for (const f of d.files) out.push(`  ${f.change === "added" ? "+" : f.change === "removed" ? "-" : "~"} ${plainText(f.path)}${f.sizeA !== undefined && f.sizeB !== undefined ? ` (${f.sizeA} → ${f.sizeB} bytes)` : ""}`);
    out.push("");
  }
  const formats = d.formats.filter((f) => f.formatA !== f.formatB);
  if (formats.length > 0) {
    out.push("Formats:");
    for (const f of formats) out.push(`  ${plainText(f.path)}: ${f.formatA ?? "(none)"} → ${f.formatB ?? "(none)"}`);
    out.push("");
  }
  if (d.remoteCode.length > 0) {
    out.push("Remote code:");
    for (const r of d.remoteCode) out.push(`  ${r.change} ${plainText(r.what === "auto_map" ? `${r.path} auto_map ${r.detail}` : r.path)}`);
    out.push("");
  }
  for (const t of d.chatTemplates) {
    out.push(`Chat template ${plainText(`${t.source} (${t.name})`)} ${t.change}:`);
    if (t.diff) out.push(...t.diff.trimEnd().split("\n").map((l) => `  ${plainText(l)}`));
    out.push("");
  }
  if (d.card.length > 0) {
    out.push("Model card:");
    for (const c of d.card) out.push(`  ${c.field}: ${plainText(c.before)} → ${plainText(c.after)}`);
    out.push("");
  }
  if (d.findings.length > 0) {
    out.push("Findings about the changes:");
    for (const f of d.findings) out.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${plainText(f.message)}`);
    out.push("");
  }
  if (d.scanFindings) {
    out.push(`Scan findings: ${d.scanFindings.appeared.length} appeared, ${d.scanFindings.resolved.length} went away`);
    for (const f of d.scanFindings.appeared) out.push(`  + ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${plainText(where(f.path))}  ${plainText(f.message)}`);
    for (const f of d.scanFindings.resolved) out.push(`  - ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${plainText(where(f.path))}  ${plainText(f.message)}`);
    out.push("");
  }
  for (const u of d.unread) out.push(`Not compared: ${plainText(u.path)}: ${plainText(u.reason)}`);
  return out.join("\n") + "\n";
}

export function renderDiffMarkdown(d: RevisionDiff): string {
  const out = [`# ${mdText(d.repoId)}: ${mdCode(d.a.revision)} → ${mdCode(d.b.revision)}`, "", `Commits ${mdCode(d.a.commit)} → ${mdCode(d.b.commit)}. ${mdText(diffSummary(d))}.`, ""];
  if (d.files.length > 0) {
    out.push("## Files", "", "| change | path | size |", "|---|---|---|");
    for (const f of d.files) out.push(`| ${f.change} | ${mdCode(f.path)} | ${f.sizeA ?? ""}${f.sizeA !== undefined && f.sizeB !== undefined ? " → " : ""}${f.sizeB ?? ""} |`);
    out.push("");
  }
  if (d.findings.length > 0) {
    out.push("## Findings about the changes", "", "| severity | rule | where | message |", "|---|---|---|---|");
    for (const f of d.findings) out.push(`| ${f.severity} | ${f.ruleId} | ${mdCode(f.artifact ? refToString(f.artifact) : "(repository)")} | ${mdText(f.message)} |`);
    out.push("");
  }
  for (const t of d.chatTemplates) {
    if (!t.diff) continue;
    const fence = "`".repeat(Math.max(3, ...[...t.diff.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push(`## Chat template ${mdCode(`${t.source} (${t.name})`)} ${t.change}`, "", `${fence}diff`, plainText(t.diff).trimEnd(), fence, "");
  }
  if (d.scanFindings) {
    out.push("## Scan findings", "", `${d.scanFindings.appeared.length} appeared, ${d.scanFindings.resolved.length} went away.`, "");
    for (const f of d.scanFindings.appeared) out.push(`- appeared: ${f.severity} ${f.ruleId} ${mdCode(where(f.path))}: ${mdText(f.message)}`);
    for (const f of d.scanFindings.resolved) out.push(`- went away: ${f.severity} ${f.ruleId} ${mdCode(where(f.path))}: ${mdText(f.message)}`);
    out.push("");
  }
  return out.join("\n");
}

export function renderDiff(format: DiffFormat, d: RevisionDiff): string {
  if (format === "json") return JSON.stringify(diffJson(d), null, 2) + "\n";
  if (format === "markdown") return renderDiffMarkdown(d);
  return renderDiffText(d);
}
