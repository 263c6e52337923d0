import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/gguf/facts.js";

export const ggufInvalidHeader = defineCheck({
  name: "gguf-invalid-header",
  consumes: ["gguf.problem"],
  check(f, ctx) {
    if (!f.artifact) return;
    ctx.report({
      artifact: f.artifact,
      ...(f.region ? { region: f.region } : {}),
      data: { path: refToString(f.artifact), code: f.data.code, detail: f.data.detail },
      key: `${f.data.code}\0${f.data.subject ?? ""}\0${f.region?.byteOffset ?? ""}`,
      evidence: [{ text: f.data.detail, artifact: f.artifact, ...(f.region ? { region: f.region } : {}) }],
    });
  },
});
