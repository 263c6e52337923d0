import { defineCheck } from "../../types/check.js";
import "../../lock/facts.js";

export const lockLocalBytesDiffer = defineCheck({
  name: "lock-local-bytes-differ",
  consumes: ["lock.local-drift"],
  check(f, ctx) {
    const { id, commit, dir, state, file, expected, actual, location } = f.data;
    ctx.report({
      ...(state === "changed" ? {} : { messageId: state }),
      artifact: { path: location.path },
      region: { startLine: location.line },
      key: `${id}@${commit}:${state}:${file ?? ""}`,
      data: { id, commit, dir, file: file ?? "", hash: expected ?? "", actual: actual ?? "" },
      evidence: [{ text: `${state}: ${file ?? dir}` }],
    });
  },
});
