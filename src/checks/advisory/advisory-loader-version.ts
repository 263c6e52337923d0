import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

/** `transformers_version` and friends: a note with the minimum safe loader version. */
export const advisoryLoaderVersion = defineCheck({
  name: "advisory-loader-version",
  consumes: ["dependencies.loader-version"],
  check(f, ctx) {
    const d = f.data;
    if (d.advisoryCount === 0) return;
    const saved = d.savedWith ? `saved with ${d.package} ${d.savedWith} (the saving version, not the loader)` : `loads with ${d.package}`;
    const affected = d.savedWithAffectedBy.length > 0 ? `; that version is affected by ${d.savedWithAffectedBy.length} advisory(ies)` : "";
    const safe = d.minimumSafe ? `; load with ${d.package} >= ${d.minimumSafe}, past all ${d.advisoryCount} known advisories` : `; ${d.advisoryCount} known advisories, no single fixed version covers them all`;
    ctx.report({
      data: { sourceFile: d.sourceFile, key: d.key, detail: `${saved}${affected}${safe}` },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      key: `${d.package}\0${d.key}`,
    });
  },
});
