import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { extensionOf, extensionPromises, isCodeBearing } from "./extension-list.js";

/** A pickle or PyTorch zip named like a data-only format (B15; CVE-2025-1889 inside torch zips). */
export const formatDisguisedPickle = defineCheck({
  name: "format-disguised-pickle",
  consumes: ["artifact.format"],
  check(f, ctx) {
    if (!f.artifact || !isCodeBearing(f.data.format)) return;
    const ext = extensionOf(f.data.name);
    const promise = ext ? extensionPromises(ctx.list("format-extensions")).get(ext) : undefined;
    if (!promise?.dataOnly) return;
    ctx.report({ artifact: f.artifact, data: { path: refToString(f.artifact), extension: promise.extension, format: f.data.format } });
  },
});
