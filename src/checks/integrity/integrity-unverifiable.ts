import { defineCheck } from "../../types/check.js";

export const integrityUnverifiable = defineCheck({
  name: "integrity-unverifiable",
  consumes: ["integrity.digest"],
  check(f, ctx) {
    if (f.data.state !== "unverifiable" || !f.artifact || f.artifact.parent) return;
    ctx.report({ artifact: f.artifact, data: { path: f.artifact.path } });
  },
});
