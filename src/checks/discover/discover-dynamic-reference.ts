import { defineCheck } from "../../types/check.js";
import "../../discover/facts.js";

export const discoverDynamicReference = defineCheck({
  name: "discover-dynamic-reference",
  consumes: ["discover.dynamic"],
  check(f, ctx) {
    const { path, line, snippet } = f.data;
    ctx.report({
      artifact: { path },
      region: { startLine: line, endLine: line, snippet },
      key: String(line),
      data: { snippet },
    });
  },
});
