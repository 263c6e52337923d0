import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import type { SafetensorsProblemCode } from "../../inspectors/safetensors/facts.js";

/** Problems the reference loader accepts but other readers may resolve differently. */
export const AMBIGUOUS_CODES: ReadonlySet<SafetensorsProblemCode> = new Set(["duplicate-key", "zero-size-alias"]);

export const safetensorsAmbiguousHeader = defineCheck({
  name: "safetensors-ambiguous-header",
  consumes: ["safetensors.problem"],
  check(f, ctx) {
    if (!AMBIGUOUS_CODES.has(f.data.code) || !f.artifact) return;
    ctx.report({
      artifact: f.artifact,
      ...(f.region ? { region: f.region } : {}),
      data: { path: refToString(f.artifact), code: f.data.code, detail: f.data.detail },
      key: `${f.data.code}\0${f.data.subject ?? ""}\0${f.region?.byteOffset ?? ""}`,
      evidence: [{ text: f.data.detail, artifact: f.artifact, ...(f.region ? { region: f.region } : {}) }],
    });
  },
});
