import { defineCheck } from "../../types/check.js";
import { reportHeaderProblem } from "../header-problem.js";
import "../../inspectors/gguf/facts.js";

export const ggufInvalidHeader = defineCheck({
  name: "gguf-invalid-header",
  consumes: ["gguf.problem"],
  check(f, ctx) {
    reportHeaderProblem(f, ctx);
  },
});
