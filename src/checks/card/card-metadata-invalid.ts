import { defineCheck } from "../../types/check.js";
import { isCardPath } from "../../inspectors/model-card/card-inspector.js";

export const cardMetadataInvalid = defineCheck({
  name: "card-metadata-invalid",
  consumes: ["card.metadata-problem"],
  check(f, ctx) {
    if (f.data.problem === "wrong-shape" || !f.artifact || !isCardPath(f.artifact)) return;
    ctx.report({ artifact: f.artifact, ...(f.region ? { region: f.region } : {}), data: { detail: f.data.detail }, key: f.data.problem });
  },
});
