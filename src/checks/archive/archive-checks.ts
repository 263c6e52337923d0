import "../../inspectors/archive/facts.js";
import type { ArchiveAnomalyKind } from "../../inspectors/archive/facts.js";
import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { extensionOf, extensionPromises } from "../format/extension-list.js";
import { namesWeights, weightExtensions } from "../format/weight-names.js";

/** Anomaly kinds with a rule of their own; every other kind is archive-structure-anomaly. */
const OWN_RULE: Partial<Record<ArchiveAnomalyKind, string>> = {
  "name-mismatch": "archive-name-mismatch",
  "duplicate-name": "archive-duplicate-name",
  "overlapping-entries": "archive-overlapping-entries",
};

export const archiveAnomalies = defineCheck({
  name: "archive-structure-anomaly",
  alsoReports: ["archive-name-mismatch", "archive-duplicate-name", "archive-overlapping-entries"],
  consumes: ["archive.anomaly"],
  check(f, ctx) {
    if (!f.artifact) return;
    const rule = OWN_RULE[f.data.kind];
    const data = {
      path: refToString(f.artifact),
      entry: f.data.entry ?? "",
      entrySuffix: f.data.entry !== undefined ? ` (member "${f.data.entry}")` : "",
      kind: f.data.kind,
      message: f.data.message,
    };
    ctx.report({
      ...(rule ? { rule } : {}),
      artifact: f.artifact,
      ...(f.region ? { region: f.region } : {}),
      data,
      key: `${f.data.kind}:${f.data.entry ?? ""}:${f.data.message}`,
    });
  },
});

/**
 * Unscannable content is medium, but high when the file (or the member concerned) is named like
 * weights: then the name lies about a container nobody vetted (#8.5).
 */
export const archiveUnscannable = defineCheck({
  name: "archive-unscannable",
  alsoReports: ["archive-unscannable-weights"],
  consumes: ["archive.unscannable"],
  check(f, ctx) {
    if (!f.artifact) return;
    const weights = weightExtensions(ctx.list("weight-names"));
    // A whole file in a container its own library writes (joblib's lz4/lzma dumps) does not lie about
    // its name; it is still unscannable. An encrypted or oddly compressed member always is a disguise.
    const ext = extensionOf(f.artifact.path);
    const honest = f.data.entry === undefined && ext !== undefined && (extensionPromises(ctx.list("format-extensions")).get(ext)?.formats.includes(f.data.container) ?? false);
    const claimsWeights = !honest && (namesWeights(f.artifact.path, weights) || (f.data.entry !== undefined && namesWeights(f.data.entry, weights)));
    ctx.report({
      ...(claimsWeights ? { rule: "archive-unscannable-weights" } : {}),
      artifact: f.artifact,
      data: { path: refToString(f.artifact), detail: f.data.detail, entrySuffix: f.data.entry !== undefined ? ` (member "${f.data.entry}")` : "" },
      key: `${f.data.reason}:${f.data.entry ?? ""}`,
    });
  },
});

export const archiveNested = defineCheck({
  name: "archive-nested",
  consumes: ["archive.nested"],
  check(f, ctx) {
    if (!f.artifact) return;
    ctx.report({ artifact: f.artifact, data: { path: refToString(f.artifact), entry: f.data.entry, format: f.data.format }, key: f.data.entry });
  },
});
