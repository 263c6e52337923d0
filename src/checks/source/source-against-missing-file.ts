import { defineCheck } from "../../types/check.js";
import "../../sources/hub-facts.js";

export const sourceAgainstMissingFile = defineCheck({
  name: "source-against-missing-file",
  consumes: ["source.against-missing"],
  check(f, ctx) {
    const { path, size, repoId, commitSha } = f.data;
    ctx.report({
      artifact: { path },
      key: path,
      data: { path, size, repoId, commitSha },
      evidence: [{ text: `listed in the Hub tree of ${repoId} at ${commitSha}, absent locally`, artifact: { path } }],
    });
  },
});
