import { defineCheck } from "../../types/check.js";

export const integrityHashMismatch = defineCheck({
  name: "integrity-hash-mismatch",
  consumes: ["integrity.digest"],
  check(f, ctx) {
    if (f.data.state !== "mismatch" || !f.artifact) return;
    const expected = f.data.expected?.sha256 ?? f.data.expected?.gitSha1 ?? "";
    const actual = f.data.expected?.sha256 ? f.data.actual?.sha256 : f.data.actual?.gitSha1;
    ctx.report({
      artifact: f.artifact,
      data: { path: f.artifact.path, expected, actual: actual ?? "", detail: f.data.note ?? "" },
      evidence: [{ text: f.data.note ?? "hash mismatch", artifact: f.artifact }],
    });
  },
});
