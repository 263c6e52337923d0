import { describeAdvisory } from "../../advisories/advisory-reference.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

const MAX_IDS = 8;

function ids(list: readonly string[]): string {
  return list.length > MAX_IDS ? `${list.slice(0, MAX_IDS).join(", ")} and ${list.length - MAX_IDS} more` : list.join(", ");
}

/**
 * `transformers_version` and friends: a note with the minimum safe loader version. The advisories
 * that affect the saving version are cited with range and fix in the message; every known advisory
 * of the package is in the evidence and the finding's `advisories`.
 */
export const advisoryLoaderVersion = defineCheck({
  name: "advisory-loader-version",
  consumes: ["dependencies.loader-version"],
  check(f, ctx) {
    const d = f.data;
    if (d.advisoryCount === 0) return;
    const saved = d.savedWith ? `saved with ${d.package} ${d.savedWith} (the saving version, not the loader)` : `loads with ${d.package}`;
    const hits = d.advisories.filter((a) => d.savedWithAffectedBy.includes(a.id));
    const affected = hits.length > 0 ? `; that version is affected by ${hits.map(describeAdvisory).join("; ")}` : "";
    const all = ids(d.advisories.map((a) => a.id));
    const safe = d.minimumSafe
      ? `; load with ${d.package} >= ${d.minimumSafe}, past every known advisory (${all})`
      : `; no single fixed version covers every known advisory (${all})`;
    ctx.report({
      data: { sourceFile: d.sourceFile, key: d.key, detail: `${saved}${affected}${safe}` },
      evidence: d.advisories.map((a) => ({ text: describeAdvisory(a) })),
      advisories: d.advisories,
      ...(f.artifact ? { artifact: f.artifact } : {}),
      key: `${d.package}\0${d.key}`,
    });
  },
});
