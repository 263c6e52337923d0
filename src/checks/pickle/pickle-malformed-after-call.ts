import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";
import { hexOffset } from "./verdict-of.js";

export const pickleMalformedAfterCall = defineCheck({
  name: "pickle-malformed-after-call",
  consumes: ["pickle.summary"],
  check(f, ctx) {
    const e = f.data.error;
    if (!e || !f.artifact || e.callsBefore + e.globalsBefore === 0) return;
    const offset = hexOffset(e.offset);
    ctx.report({
      artifact: f.artifact,
      region: { byteOffset: e.offset },
      key: `${e.stream}`,
      data: { path: refToString(f.artifact), stream: e.stream, offset, message: e.message, calls: e.callsBefore, globals: e.globalsBefore },
      evidence: [{ text: `pickle ${e.stream}: ${e.message}`, artifact: f.artifact, region: { byteOffset: e.offset } }],
    });
  },
});
