import { defineCheck } from "../../types/check.js";

export const provenanceBaseModelMissing = defineCheck({
  name: "provenance-base-model-missing",
  consumes: ["lineage.model"],
  check(f, ctx) {
    if (f.data.status !== "not-found" && f.data.status !== "invalid-id") return;
    ctx.report({
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      data: { repo: f.data.repoId, via: f.data.parent ? ` (base model of ${f.data.parent})` : "", detail: f.data.detail ?? f.data.status },
      key: `${f.data.parent ?? ""}>${f.data.repoId}`,
    });
  },
});
