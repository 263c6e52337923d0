import { defineCheck } from "../../types/check.js";
import "../../inspectors/signing/facts.js";

/** A signature that is invalid, by the wrong signer, or not a readable model signature. */
export const signingSignatureInvalid = defineCheck({
  name: "signing-signature-invalid",
  consumes: ["signing.signature"],
  check(f, ctx) {
    if (f.data.state !== "invalid" && f.data.state !== "malformed") return;
    const reason = f.data.reason ?? f.data.state;
    ctx.report({
      data: { source: f.data.source, reason },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      evidence: [{ text: `${f.data.source}: ${reason}`, ...(f.artifact ? { artifact: f.artifact } : {}) }],
      key: f.data.source,
    });
  },
});
