import { defineCheck } from "../../types/check.js";
import { cardView } from "../card/card-view.js";
import { conflictReason } from "../license/conflict.js";
import { declared, effectiveAttributes, licenseKeys, names, tableOf } from "../license/declared.js";

/** A direct base model under another license that does not conflict (a conflict is license-conflict's). */
export const provenanceLicenseDiffers = defineCheck({
  name: "provenance-license-differs",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    const meta = view.metadata;
    if (!meta || meta.data.license.length === 0) return;
    const table = tableOf(ctx);
    const ours = declared(meta.data.license, meta.data.licenseName, table);
    const ourKeys = licenseKeys(ours, table);
    const ourAttrs = effectiveAttributes(ours);
    for (const m of view.models) {
      if (m.data.depth !== 1 || m.data.status !== "found" || m.data.license.length === 0) continue;
      const theirs = declared(m.data.license, m.data.licenseName, table);
      if ([...licenseKeys(theirs, table)].some((k) => ourKeys.has(k))) continue;
      const theirAttrs = effectiveAttributes(theirs);
      if (ourAttrs && theirAttrs && conflictReason(theirAttrs, ourAttrs, "model")) continue;
      ctx.report({
        ...(m.artifact ? { artifact: m.artifact } : meta.artifact ? { artifact: meta.artifact } : {}),
        ...(m.region ? { region: m.region } : {}),
        data: { ours: names(ours), repo: m.data.repoId, theirs: names(theirs) },
        key: m.data.repoId,
      });
    }
  },
});
