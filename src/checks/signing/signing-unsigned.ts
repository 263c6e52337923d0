import { defineCheck } from "../../types/check.js";
import "../../inspectors/signing/facts.js";

/** No signature, when the policy requires one. */
export const signingUnsigned = defineCheck({
  name: "signing-unsigned",
  consumes: ["signing.unsigned"],
  check(f, ctx) {
    if (!f.data.required) return;
    ctx.report({ evidence: [{ text: "no model.sig in the repository and no --signature given" }] });
  },
});
