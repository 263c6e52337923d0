import { defineCheck } from "../../types/check.js";
import type { Evidence } from "../../types/finding.js";
import { cardView } from "../card/card-view.js";
import { conflictReason } from "./conflict.js";
import { declared, effectiveAttributes, licenseKeys, names, tableOf } from "./declared.js";

/** The model's license against every ancestor found through the Hub and every dataset looked up. */
export const licenseConflict = defineCheck({
  name: "license-conflict",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    const meta = view.metadata;
    if (!meta) return;
    const table = tableOf(ctx);
    const ours = declared(meta.data.license, meta.data.licenseName, table);
    const ourAttrs = effectiveAttributes(ours);
    if (!ourAttrs) return;
    const ourKeys = licenseKeys(ours, table);
    const at = meta.artifact ? { artifact: meta.artifact } : {};
    const upstream = [
      ...view.models.filter((m) => m.data.status === "found").map((m) => ({ kind: "model" as const, repo: m.data.repoId, depth: m.data.depth, license: m.data.license, name: m.data.licenseName })),
      ...view.datasets.filter((d) => d.data.status === "found").map((d) => ({ kind: "dataset" as const, repo: d.data.repoId, depth: 1, license: d.data.license, name: undefined })),
    ];
    for (const u of upstream) {
      const theirs = declared(u.license, u.name, table);
      const attrs = effectiveAttributes(theirs);
      if (!attrs) continue;
      if ([...licenseKeys(theirs, table)].some((k) => ourKeys.has(k))) continue;
      const why = conflictReason(attrs, ourAttrs, u.kind);
      if (!why) continue;
      const what = u.kind === "dataset" ? "dataset" : u.depth === 1 ? "base model" : `ancestor (${u.depth} base_model hops up)`;
      const evidence: Evidence[] = [{ text: `${what} ${u.repo} declares license: ${names(theirs)}` }, { text: `README.md declares license: ${names(ours)}`, ...at, ...(meta.region ? { region: meta.region } : {}) }];
      ctx.report({ ...at, data: { what, repo: u.repo, theirs: names(theirs), why, ours: names(ours) }, key: `${u.kind}:${u.repo}`, evidence });
    }
  },
});
