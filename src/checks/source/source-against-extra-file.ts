import { defineCheck } from "../../types/check.js";
import "../../sources/hub-facts.js";

export const sourceAgainstExtraFile = defineCheck({
  name: "source-against-extra-file",
  consumes: ["source.against-extra"],
  check(f, ctx) {
    const { path, repoId, commitSha } = f.data;
    ctx.report({
      artifact: { path },
      key: path,
      data: { path, repoId, commitSha },
      evidence: [{ text: `present locally (${f.data.size} bytes), absent from the Hub tree of ${repoId} at ${commitSha}`, artifact: { path } }],
    });
  },
});
