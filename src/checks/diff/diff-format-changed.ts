import { defineCheck } from "../../types/check.js";
import type { Format } from "../../types/format.js";
import "../../diff/facts.js";

interface RiskEntry {
  format: string;
  codeBearing: boolean;
}

/** `rules/_lists/format-code-risk.yaml` as format → codeBearing; malformed entries are ignored. */
export function codeBearingFormats(list: unknown): Map<string, boolean> {
  const entries = typeof list === "object" && list !== null && Array.isArray((list as { entries?: unknown }).entries) ? (list as { entries: unknown[] }).entries : [];
  const out = new Map<string, boolean>();
  for (const e of entries) {
    const r = e as Partial<RiskEntry>;
    if (typeof r.format === "string" && typeof r.codeBearing === "boolean") out.set(r.format, r.codeBearing);
  }
  return out;
}

export const diffFormatChanged = defineCheck({
  name: "diff-format-changed",
  consumes: ["diff.format-changed"],
  check(f, ctx) {
    const risk = codeBearingFormats(ctx.list("format-code-risk"));
    const codeBearing = (x: Format | null): boolean | undefined => (x === null ? undefined : risk.get(x));
    const { kind, path, formatA, formatB, removed } = f.data;
    const dataOnly = removed.filter((r) => codeBearing(r.format) === false && r.format !== "json" && r.format !== "text");
    const data = { path, formatA: formatA ?? "none", formatB, removed: dataOnly.map((r) => `${r.path}: ${r.format}`).join(", ") };
    const base = { artifact: { path }, key: `${kind}:${path}`, data };
    if (kind === "same-path") {
      const dangerous = codeBearing(formatA) === false && codeBearing(formatB) === true;
      ctx.report({ ...base, ...(dangerous ? {} : { severity: "medium" as const }) });
      return;
    }
    // A new file only matters here when loading it can run code; the rest is in the file list.
    if (codeBearing(formatB) !== true) return;
    if (dataOnly.length > 0) ctx.report({ ...base, messageId: "replaced" });
    else ctx.report({ ...base, messageId: "added", severity: "high" });
  },
});
