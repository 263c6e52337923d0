import "../../inspectors/torch/facts.js";
import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";

export const torchUnexpectedPickle = defineCheck({
  name: "torch-unexpected-pickle",
  consumes: ["torch.unexpected-pickle"],
  check(f, ctx) {
    if (!f.artifact) return;
    ctx.report({ artifact: f.artifact, data: { path: refToString(f.artifact), entry: f.data.entry, reason: f.data.reason }, key: f.data.entry });
  },
});
