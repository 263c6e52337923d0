import "../../inspectors/blank/facts.js";
import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { namesWeights, weightExtensions } from "./weight-names.js";

/** A weights-named file with no content: empty, or one byte value throughout (#8.12). */
export const formatWeightsEmpty = defineCheck({
  name: "format-weights-empty",
  consumes: ["artifact.blank"],
  check(f, ctx) {
    if (!f.artifact || !namesWeights(f.data.name, weightExtensions(ctx.list("weight-names")))) return;
    const what =
      f.data.size === 0 || f.data.byte === undefined
        ? "it is empty (0 bytes)"
        : `its ${f.data.size} bytes are all 0x${f.data.byte.toString(16).padStart(2, "0")} (sampled at start, middle and end)`;
    ctx.report({ artifact: f.artifact, data: { path: refToString(f.artifact), what } });
  },
});
