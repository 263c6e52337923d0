import type { MultiScanReport } from "../types/multi-report.js";
import type { ScanReport } from "../types/report.js";
import { targetKey } from "../multi/target-key.js";
import { renderMarkdown } from "./markdown.js";
import { multiSummary } from "./multi-json.js";
import { mdCode, mdText } from "./sanitize.js";
import { gateLabel } from "./text.js";

const GATE = { passed: "✅ passed", failed: "❌ failed", incomplete: "⚠️ incomplete" } as const;

function findingsCell(r: ScanReport): string {
  const counts = Object.entries(r.verdict.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  return counts.length > 0 ? counts.join(", ") : "none";
}

/** Demotes every heading of a single-model report by one level, outside code blocks, so the run keeps one `#` title. */
function nested(markdown: string): string {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join("\n");
}

/** A summary table with a row per model, then each model's checklist as a single scan writes it. */
export function renderMultiMarkdown(m: MultiScanReport): string {
  const s = multiSummary(m);
  const out: string[] = [];
  out.push(`# Model supply-chain checklist: ${s.targets} model${s.targets === 1 ? "" : "s"}`);
  out.push("");
  out.push(`- Scanned by: modelgate ${mdText(m.tool.version)}${m.generatedAt ? ` at ${mdText(m.generatedAt)}` : ""}${m.shard ? ` (shard ${m.shard.index}/${m.shard.count})` : ""}`);
  out.push(`- Gate: **${s.errors > 0 ? "❌ error" : GATE[gateLabel(m.verdict)]}**: ${s.passed} passed, ${s.failed} failed, ${s.incomplete} incomplete, ${s.errors} not scanned${s.skipped ? `, ${s.skipped} skipped` : ""}`);
  out.push("");
  out.push("| Model | Commit | Gate | Findings | Not checked |");
  out.push("|-------|--------|------|----------|-------------|");
  for (const r of m.reports) {
    out.push(`| ${mdCode(targetKey(r.target))} | ${r.target.commitSha ? mdCode(r.target.commitSha.slice(0, 12)) : ""} | ${GATE[gateLabel(r.verdict)]} | ${findingsCell(r)} | ${r.incomplete.length || ""} |`);
  }
  for (const e of m.errors) out.push(`| ${mdCode(e.input)} |  | ❌ not scanned | ${mdText(e.message)} |  |`);
  if (m.skipped.length > 0) {
    out.push("");
    out.push(`## Skipped (${m.skipped.length})`);
    out.push("");
    for (const k of m.skipped) out.push(`- ${mdCode(k.input)}: ${mdText(k.reason)}`);
  }
  for (const r of m.reports) {
    out.push("");
    out.push(nested(renderMarkdown(r)).trimEnd());
  }
  return out.join("\n") + "\n";
}
