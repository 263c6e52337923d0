import { defineCheck } from "../../types/check.js";
import "../../sources/hub-facts.js";

export const sourceCacheCorrupted = defineCheck({
  name: "source-cache-corrupted",
  consumes: ["source.cache-corrupted"],
  check(f, ctx) {
    const { path, expected, actual } = f.data;
    ctx.report({
      artifact: { path },
      key: path,
      data: { path, expected, actual },
      evidence: [{ text: `cache blob named ${expected} hashed to ${actual}`, artifact: { path } }],
    });
  },
});
