import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { extensionOf, extensionPromises, isCodeBearing } from "./extension-list.js";

/** Bytes that are not what the extension promises (code-bearing disguises are format-disguised-pickle). */
export const formatNameMismatch = defineCheck({
  name: "format-name-mismatch",
  consumes: ["artifact.format"],
  check(f, ctx) {
    if (!f.artifact) return;
    const ext = extensionOf(f.data.name);
    const promise = ext ? extensionPromises(ctx.list("format-extensions")).get(ext) : undefined;
    if (!promise || promise.formats.includes(f.data.format)) return;
    if (promise.dataOnly && isCodeBearing(f.data.format)) return;
    if (f.data.format === "unknown" && promise.heuristic) return;
    // An empty file is no format at all; the integrity and card checks speak about empty files.
    if (f.data.size === 0) return;
    ctx.report({
      artifact: f.artifact,
      data: { path: refToString(f.artifact), extension: promise.extension, expected: promise.formats.join(" or "), format: f.data.format },
    });
  },
});
