import { defineCheck } from "../../types/check.js";
import { isCardPath } from "../../inspectors/model-card/card-inspector.js";

export const cardFieldShape = defineCheck({
  name: "card-field-shape",
  consumes: ["card.metadata-problem"],
  check(f, ctx) {
    if (f.data.problem !== "wrong-shape" || !f.artifact || !isCardPath(f.artifact)) return;
    const field = f.data.field ?? "?";
    ctx.report({ artifact: f.artifact, ...(f.region ? { region: f.region } : {}), data: { field, detail: f.data.detail }, key: field });
  },
});
