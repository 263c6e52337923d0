import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/skops/facts.js";
import { skopsData, skopsVerdict } from "./skops-verdict.js";

export const skopsUnknownType = defineCheck({
  name: "skops-unknown-type",
  consumes: ["skops.reference"],
  check(f, ctx) {
    const v = skopsVerdict(f, ctx);
    if (v?.tier !== "unknown" || !f.artifact) return;
    const data = skopsData(f, refToString(f.artifact));
    ctx.report({
      artifact: f.artifact,
      key: `${data.global}\0${f.data.declared ?? ""}`,
      data,
      evidence: [{ text: `schema.json ${f.data.pointer}: ${f.data.loader} imports ${data.global}${data.declared}${data.times}`, artifact: f.artifact }],
    });
  },
});
