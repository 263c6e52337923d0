import pc from "picocolors";
import { plainText } from "../reporters/sanitize.js";
import { SEVERITIES } from "../types/finding.js";
import type { DiscoverReport } from "./types.js";

/** Locations listed per reference and dynamic entries listed in all; JSON has every one. */
const MAX_LOCATIONS = 5;
const MAX_DYNAMIC = 20;

/** A person's view: each reference with its pin state and where it is, then the dynamic ones, then the verdict. */
export function renderDiscoverText(r: DiscoverReport, opts: { color: boolean }): string {
  const c = opts.color ? pc : pc.createColors(false);
  const out: string[] = [];
  const pinned = r.references.filter((x) => x.pinned).length;
  out.push(c.bold(`modelgate discover: ${r.references.length} Hub reference(s), ${pinned} pinned, ${r.references.length - pinned} unpinned; ${r.dynamic.length} dynamic; ${r.stats.filesRead} file(s) read`));
  for (const ref of r.references) {
    const state = ref.pinned ? c.green("pinned  ") : c.yellow("UNPINNED");
    out.push("");
    out.push(`${state} ${ref.kind} ${plainText(ref.id)}${ref.revision ? `@${plainText(ref.revision)}` : ""}`);
    for (const l of ref.locations.slice(0, MAX_LOCATIONS)) out.push(`  ${plainText(l.path)}:${l.line}  ${c.dim(plainText(l.snippet))}`);
    if (ref.locations.length > MAX_LOCATIONS) out.push(`  … and ${ref.locations.length - MAX_LOCATIONS} more (see --format json)`);
  }
  if (r.dynamic.length > 0) {
    out.push("");
    out.push(c.bold("Dynamic (repo or revision known only at run time):"));
    for (const l of r.dynamic.slice(0, MAX_DYNAMIC)) out.push(`  ${plainText(l.path)}:${l.line}  ${c.dim(plainText(l.snippet))}`);
    if (r.dynamic.length > MAX_DYNAMIC) out.push(`  … and ${r.dynamic.length - MAX_DYNAMIC} more (see --format json)`);
  }
  if (r.notChecked.length > 0) {
    out.push("");
    out.push(c.bold("Not checked:"));
    for (const s of r.notChecked) out.push(`  ${plainText(s.path)}: ${plainText(s.reason)}`);
  }
  const counts = SEVERITIES.filter((s) => r.verdict.counts[s] > 0).map((s) => `${r.verdict.counts[s]} ${s}`);
  out.push("");
  out.push(`${r.verdict.passed ? c.green("PASSED") : c.red(`FAILED (fail-on ${r.verdict.failOn})`)}, findings: ${counts.length > 0 ? counts.join(", ") : "none"}`);
  return out.join("\n") + "\n";
}
