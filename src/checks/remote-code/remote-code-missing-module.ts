import { defineCheck } from "../../types/check.js";

/** A local reference whose module file is not in the repo listing. */
export const remoteCodeMissingModule = defineCheck({
  name: "remote-code-missing-module",
  consumes: ["remote-code.reference"],
  check(f, ctx) {
    // An unsafe reference is remote-code-module-path's finding, not a missing file.
    if (f.data.repo || f.data.present || f.data.unsafe) return;
    ctx.report({ data: { source: f.data.source, key: f.data.key, file: f.data.file }, ...(f.artifact ? { artifact: f.artifact } : {}), key: `${f.data.key}\0${f.data.file}` });
  },
});
