import pc from "picocolors";
import type { MultiScanReport } from "../types/multi-report.js";
import { targetKey } from "../multi/target-key.js";
import { multiSummary } from "./multi-json.js";
import { plainText } from "./sanitize.js";
import { gateLabel, renderText, type TextOptions } from "./text.js";

/** A line per model (gate and finding counts), then each model's text report. */
export function renderMultiText(m: MultiScanReport, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const s = multiSummary(m);
  const lines: string[] = [];
  lines.push(c.bold(`modelgate ${m.tool.version}: ${s.targets} target(s)${m.shard ? ` (shard ${m.shard.index}/${m.shard.count})` : ""}`));
  const paint = { passed: c.green, failed: c.red, incomplete: c.yellow } as const;
  const width = Math.min(60, Math.max(10, ...m.reports.map((r) => targetKey(r.target).length), ...m.errors.map((e) => e.input.length)));
  for (const r of m.reports) {
    const gate = gateLabel(r.verdict);
    const counts = Object.entries(r.verdict.counts).filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`);
    lines.push(`  ${paint[gate](gate.toUpperCase().padEnd(10))} ${plainText(targetKey(r.target)).padEnd(width)}  findings: ${counts.length ? counts.join(", ") : "none"}`);
  }
  for (const e of m.errors) lines.push(`  ${c.red("ERROR".padEnd(10))} ${plainText(e.input).padEnd(width)}  ${plainText(e.message)}`);
  for (const k of m.skipped) lines.push(c.dim(`  ${"SKIPPED".padEnd(10)} ${plainText(k.input).padEnd(width)}  ${plainText(k.reason)}`));
  lines.push(c.bold(`${s.passed} passed, ${s.failed} failed, ${s.incomplete} incomplete, ${s.errors} not scanned`));
  const out = [lines.join("\n")];
  for (const r of m.reports) out.push(`${"─".repeat(72)}\n${renderText(r, options).trimEnd()}`);
  return out.join("\n\n") + "\n";
}
