import { defineCheck } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import type { Region } from "../../types/region.js";
import type { LineageStatus } from "../../inspectors/model-card/facts.js";

/** Gated, failed or bounded lookups: each is specific, so each is its own finding. */
const UNVERIFIED: ReadonlySet<LineageStatus> = new Set(["error", "gated", "depth-limit", "limit"]);
/** Names listed in the grouped message; the evidence lists every one. */
const MAX_NAMED = 10;

type LineageFact = FactOf<"lineage.model"> | FactOf<"lineage.dataset">;

const kindOf = (f: LineageFact): string => (f.kind === "lineage.model" ? "base model" : "dataset");

/** The lines from the first to the last of the regions (base_model and datasets fields). */
function spanOf(regions: readonly (Region | undefined)[]): Region | undefined {
  const lines = regions.filter((r): r is Region => r?.startLine !== undefined);
  if (lines.length === 0) return undefined;
  return { startLine: Math.min(...lines.map((r) => r.startLine ?? 1)), endLine: Math.max(...lines.map((r) => r.endLine ?? r.startLine ?? 1)) };
}

/**
 * Offline, gated, failed or bounded lookups: never a pass, always for a person to check. Without
 * Hub access (a local folder) every name is unverifiable for the same reason, so they are one
 * finding listing them all rather than one per dataset (cards name 20 datasets and more).
 */
export const provenanceLineageUnverifiable = defineCheck({
  name: "provenance-lineage-unverifiable",
  consumes: ["lineage.model", "lineage.dataset"],
  check(f, ctx) {
    if (!UNVERIFIED.has(f.data.status)) return;
    const kind = f.kind === "lineage.model" ? "base model" : "dataset";
    ctx.report({
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      data: { kind, repo: f.data.repoId, detail: f.data.detail ?? f.data.status },
      key: `${kind}:${f.data.repoId}`,
    });
  },
  finish(ctx) {
    const offline = ctx.facts.filter((f): f is LineageFact => (f.kind === "lineage.model" || f.kind === "lineage.dataset") && f.data.status === "unverifiable");
    const first = offline[0];
    if (!first) return;
    const detail = first.data.detail ?? "unverifiable";
    const at = { ...(first.artifact ? { artifact: first.artifact } : {}) };
    const region = spanOf(offline.map((f) => f.region));
    if (offline.length === 1) {
      ctx.report({ ...at, ...(region ? { region } : {}), data: { kind: kindOf(first), repo: first.data.repoId, detail }, key: `${kindOf(first)}:${first.data.repoId}` });
      return;
    }
    const names = offline.map((f) => f.data.repoId);
    const shown = names.slice(0, MAX_NAMED).join(", ") + (names.length > MAX_NAMED ? ` and ${names.length - MAX_NAMED} more` : "");
    const models = offline.filter((f) => f.kind === "lineage.model").length;
    const count = (n: number, what: string): string => (n === 0 ? "" : `${n} ${what}${n === 1 ? "" : "s"}`);
    const what = [count(models, "base model"), count(offline.length - models, "dataset")].filter((x) => x !== "").join(" and ");
    ctx.report({
      ...at,
      ...(region ? { region } : {}),
      messageId: "many",
      data: { what, repos: shown, detail },
      evidence: offline.map((f) => ({ text: `${kindOf(f)} ${f.data.repoId}: not verified`, ...(f.artifact ? { artifact: f.artifact } : {}), ...(f.region ? { region: f.region } : {}) })),
      key: "offline",
    });
  },
});
