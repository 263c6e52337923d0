import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/safetensors/facts.js";
import { AMBIGUOUS_CODES } from "./safetensors-ambiguous-header.js";

export const safetensorsInvalidHeader = defineCheck({
  name: "safetensors-invalid-header",
  consumes: ["safetensors.problem"],
  check(f, ctx) {
    if (AMBIGUOUS_CODES.has(f.data.code) || !f.artifact) return;
    ctx.report({
      artifact: f.artifact,
      ...(f.region ? { region: f.region } : {}),
      data: { path: refToString(f.artifact), code: f.data.code, detail: f.data.detail },
      key: `${f.data.code}\0${f.data.subject ?? ""}\0${f.region?.byteOffset ?? ""}`,
      evidence: [{ text: f.data.detail, artifact: f.artifact, ...(f.region ? { region: f.region } : {}) }],
    });
  },
});
