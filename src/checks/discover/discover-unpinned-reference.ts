import { defineCheck } from "../../types/check.js";
import "../../discover/facts.js";

export const discoverUnpinnedReference = defineCheck({
  name: "discover-unpinned-reference",
  consumes: ["discover.reference"],
  check(f, ctx) {
    const { id, kind, revision, pinned, path, line, snippet } = f.data;
    if (pinned) return;
    ctx.report({
      artifact: { path },
      region: { startLine: line, endLine: line, snippet },
      key: `${kind}:${id}@${revision ?? ""}:${line}`,
      data: { kind, id, how: revision === null ? "without a revision (the default branch)" : `at "${revision}", which is a branch or tag` },
      evidence: [{ text: `${path}:${line}: ${snippet}`, artifact: { path }, region: { startLine: line, endLine: line, snippet } }],
    });
  },
});
