import { defineCheck } from "../../types/check.js";
import type { LineageStatus } from "../../inspectors/model-card/facts.js";

const UNVERIFIED: ReadonlySet<LineageStatus> = new Set(["unverifiable", "error", "gated", "depth-limit", "limit"]);

/** Offline, gated, failed or bounded lookups: never a pass, always for a person to check. */
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
});
