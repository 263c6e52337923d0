import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";

export const pickleFrameViolation = defineCheck({
  name: "pickle-frame-violation",
  consumes: ["pickle.summary"],
  check(f, ctx) {
    if (f.data.frameViolations === 0 || !f.artifact) return;
    ctx.report({ artifact: f.artifact, data: { path: refToString(f.artifact), count: f.data.frameViolations } });
  },
});
