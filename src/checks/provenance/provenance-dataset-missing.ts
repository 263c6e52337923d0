import { defineCheck } from "../../types/check.js";

export const provenanceDatasetMissing = defineCheck({
  name: "provenance-dataset-missing",
  consumes: ["lineage.dataset"],
  check(f, ctx) {
    if (f.data.status !== "not-found" && f.data.status !== "invalid-id") return;
    ctx.report({
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      data: { repo: f.data.repoId, detail: f.data.detail ?? f.data.status },
      key: f.data.repoId,
    });
  },
});
