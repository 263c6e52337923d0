import { defineCheck } from "../../types/check.js";
import "../../lock/facts.js";

export const lockNotAssessed = defineCheck({
  name: "lock-not-assessed",
  consumes: ["lock.not-assessed"],
  check(f, ctx) {
    const { id, revision, lockedRevisions, lockFile, location } = f.data;
    const other = lockedRevisions.length > 0;
    ctx.report({
      ...(other ? { messageId: "other-revision" } : {}),
      artifact: { path: location.path },
      region: { startLine: location.line, ...(location.snippet ? { snippet: location.snippet } : {}) },
      key: `${id}@${revision ?? ""}:${location.path}:${location.line}`,
      data: { id, revision: revision ?? "", revisionText: revision ? `@${revision}` : "", lockFile, locked: lockedRevisions.join(", ") },
    });
  },
});
