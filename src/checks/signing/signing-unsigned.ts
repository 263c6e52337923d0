import { defineCheck } from "../../types/check.js";
import "../../inspectors/signing/facts.js";

/** No signature, when the policy requires one or the scan names the signer. */
export const signingUnsigned = defineCheck({
  name: "signing-unsigned",
  consumes: ["signing.unsigned"],
  check(f, ctx) {
    if (!f.data.required) return;
    const evidence = [{ text: "no model.sig in the repository and no --signature given" }];
    if (f.data.signer) ctx.report({ messageId: "signer-named", data: { signer: f.data.signer }, evidence });
    else ctx.report({ evidence });
  },
});
