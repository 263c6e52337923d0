import { defineCheck } from "../../types/check.js";

/** A class reference whose module part is a path (absolute, `..`, separators) or not a Python module name. */
export const remoteCodeModulePath = defineCheck({
  name: "remote-code-module-path",
  consumes: ["remote-code.reference"],
  check(f, ctx) {
    if (!f.data.unsafe) return;
    ctx.report({ data: { source: f.data.source, key: f.data.key, ref: f.data.file, reason: f.data.unsafe }, ...(f.artifact ? { artifact: f.artifact } : {}), key: `${f.data.key}\0${f.data.file}` });
  },
});
