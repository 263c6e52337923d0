import "../../inspectors/archive/facts.js";
import type { ArchiveAnomalyKind } from "../../inspectors/archive/facts.js";
import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";

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

export const archiveUnscannable = defineCheck({
  name: "archive-unscannable",
  consumes: ["archive.unscannable"],
  check(f, ctx) {
    if (!f.artifact) return;
    ctx.report({
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
