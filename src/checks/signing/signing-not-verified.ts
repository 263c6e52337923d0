import { defineCheck } from "../../types/check.js";
import "../../inspectors/signing/facts.js";

/** A signature read but not verified: no key or identity was given. */
export const signingNotVerified = defineCheck({
  name: "signing-not-verified",
  consumes: ["signing.signature"],
  check(f, ctx) {
    if (f.data.state !== "not-verified") return;
    ctx.report({
      data: { source: f.data.source },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      evidence: [{ text: `${f.data.source}: ${f.data.manifestFiles ?? 0} files signed, signer not checked`, ...(f.artifact ? { artifact: f.artifact } : {}) }],
    });
  },
});
