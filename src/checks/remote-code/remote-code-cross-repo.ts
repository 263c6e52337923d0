import { defineCheck } from "../../types/check.js";

/** A `owner/repo--module.Class` reference: code from another repo, unpinned (THREATS.md B28). */
export const remoteCodeCrossRepo = defineCheck({
  name: "remote-code-cross-repo",
  consumes: ["remote-code.reference"],
  check(f, ctx) {
    if (!f.data.repo) return;
    ctx.report({
      data: { source: f.data.source, key: f.data.key, module: f.data.module, repo: f.data.repo },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      key: `${f.data.key}\0${f.data.repo}\0${f.data.module}`,
    });
  },
});
