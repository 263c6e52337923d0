import { defineCheck } from "../../types/check.js";

export const provenanceLineageCycle = defineCheck({
  name: "provenance-lineage-cycle",
  consumes: ["lineage.model"],
  check(f, ctx) {
    if (f.data.status !== "cycle") return;
    ctx.report({
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      data: { detail: f.data.detail ?? `${f.data.repoId} is its own ancestor` },
      key: `${f.data.parent ?? ""}>${f.data.repoId}`,
    });
  },
});
