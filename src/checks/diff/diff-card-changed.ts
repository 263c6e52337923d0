import { defineCheck } from "../../types/check.js";
import "../../diff/facts.js";

export const diffCardChanged = defineCheck({
  name: "diff-card-changed",
  consumes: ["diff.card-changed"],
  check(f, ctx) {
    const { field, before, after } = f.data;
    ctx.report({ artifact: { path: "README.md" }, key: field, data: { field, before, after }, ...(field === "license" ? { severity: "medium" as const } : {}) });
  },
});
