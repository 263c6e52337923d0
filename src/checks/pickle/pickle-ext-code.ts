import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";
import { hexOffset } from "./verdict-of.js";

export const pickleExtCode = defineCheck({
  name: "pickle-ext-code",
  consumes: ["pickle.global"],
  check(f, ctx) {
    const g = f.data;
    if (g.extCode === undefined || !f.artifact) return;
    const offset = hexOffset(g.offset);
    ctx.report({
      artifact: f.artifact,
      region: { byteOffset: g.offset },
      key: String(g.extCode),
      data: { path: refToString(f.artifact), code: g.extCode, offset },
      evidence: [{ text: `EXT code ${g.extCode} at offset ${offset}${g.count > 1 ? ` (${g.count} times)` : ""}`, artifact: f.artifact }],
    });
  },
});
