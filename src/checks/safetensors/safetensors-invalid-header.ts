import { defineCheck } from "../../types/check.js";
import "../../inspectors/safetensors/facts.js";
import { reportHeaderProblem } from "../header-problem.js";
import { AMBIGUOUS_CODES } from "./safetensors-ambiguous-header.js";

export const safetensorsInvalidHeader = defineCheck({
  name: "safetensors-invalid-header",
  consumes: ["safetensors.problem"],
  check(f, ctx) {
    if (!AMBIGUOUS_CODES.has(f.data.code)) reportHeaderProblem(f, ctx);
  },
});
