import { defineCheck } from "../../types/check.js";
import "../../inspectors/signing/facts.js";

const DETAIL = {
  "hash-differs": (signed: string, actual: string) => `SHA-256 ${actual} differs from the signed ${signed}`,
  "missing-from-manifest": () => "not in the signed manifest",
  "not-in-repo": () => "signed, but not in the repository",
} as const;

/** One difference between a verified signed manifest and the files scanned. */
export const signingManifestMismatch = defineCheck({
  name: "signing-manifest-mismatch",
  consumes: ["signing.manifest-difference"],
  check(f, ctx) {
    const d = f.data;
    const detail = DETAIL[d.kind](d.signed ?? "", d.actual ?? "");
    ctx.report({
      data: { path: d.path, detail, source: d.source },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      evidence: [{ text: `${d.path}: ${detail}`, ...(f.artifact ? { artifact: f.artifact } : {}) }],
      key: `${d.kind}\0${d.path}`,
    });
  },
});
