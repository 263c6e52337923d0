import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

const MAX_IDS = 5;

/**
 * An open-ended requirement, or a range (`>=2.0,<3`) that allows both affected and fixed versions:
 * a note naming the advisories some allowed version could hit. Advisories every allowed version
 * hits are already advisory-vulnerable-requirement findings and are not repeated.
 */
export const advisoryUnpinnedRequirement = defineCheck({
  name: "advisory-unpinned-requirement",
  consumes: ["dependencies.requirement-status"],
  check(f, ctx) {
    const d = f.data;
    const admitted = d.admitsVulnerable.filter((id) => !d.onlyVulnerable.includes(id));
    if (d.state !== "unpinned" && !(d.state === "bounded" && admitted.length > 0)) return;
    const ids = admitted.length > MAX_IDS ? `${admitted.slice(0, MAX_IDS).join(", ")}, …` : admitted.join(", ");
    const detail = admitted.length > 0 ? `; it allows versions affected by ${ids}${d.minimumSafe ? `; require >=${d.minimumSafe}` : ""}` : "";
    ctx.report({
      data: { sourceFile: d.sourceFile, line: d.line, package: d.package, specifier: d.specifier ? ` ${d.specifier}` : "", detail },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      key: `${d.package}\0${d.line}`,
    });
  },
});
