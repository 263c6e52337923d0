import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

const MAX_IDS = 5;

/** An open-ended requirement: a note naming the advisories some allowed version could hit. */
export const advisoryUnpinnedRequirement = defineCheck({
  name: "advisory-unpinned-requirement",
  consumes: ["dependencies.requirement-status"],
  check(f, ctx) {
    const d = f.data;
    if (d.state !== "unpinned") return;
    const ids = d.admitsVulnerable.length > MAX_IDS ? `${d.admitsVulnerable.slice(0, MAX_IDS).join(", ")}, …` : d.admitsVulnerable.join(", ");
    const detail = d.admitsVulnerable.length > 0 ? `; it allows versions affected by ${ids}${d.minimumSafe ? `; require >=${d.minimumSafe}` : ""}` : "";
    ctx.report({
      data: { sourceFile: d.sourceFile, line: d.line, package: d.package, specifier: d.specifier ? ` ${d.specifier}` : "", detail },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      key: `${d.package}\0${d.line}`,
    });
  },
});
