import { defineCheck } from "../../types/check.js";
import type { SafetensorsProblemCode } from "../../inspectors/safetensors/facts.js";
import { reportHeaderProblem } from "../header-problem.js";

/** Problems the reference loader accepts but other readers may resolve differently. */
export const AMBIGUOUS_CODES: ReadonlySet<SafetensorsProblemCode> = new Set(["duplicate-key", "zero-size-alias"]);

export const safetensorsAmbiguousHeader = defineCheck({
  name: "safetensors-ambiguous-header",
  consumes: ["safetensors.problem"],
  check(f, ctx) {
    if (AMBIGUOUS_CODES.has(f.data.code)) reportHeaderProblem(f, ctx);
  },
});
