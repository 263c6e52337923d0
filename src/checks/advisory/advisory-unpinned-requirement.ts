import { describeAdvisory } from "../../advisories/advisory-reference.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

const MAX_NAMED = 5;

/**
 * An open-ended requirement, or a range (`>=2.0,<3`) that allows both affected and fixed versions:
 * a note naming the advisories some allowed version could hit, each with its range and fix.
 * Advisories every allowed version hits are already advisory-vulnerable-requirement findings and
 * are not repeated.
 */
export const advisoryUnpinnedRequirement = defineCheck({
  name: "advisory-unpinned-requirement",
  consumes: ["dependencies.requirement-status"],
  check(f, ctx) {
    const d = f.data;
    const admitted = d.admitted.filter((a) => !d.onlyVulnerable.includes(a.id));
    if (d.state !== "unpinned" && !(d.state === "bounded" && admitted.length > 0)) return;
    const named = admitted.slice(0, MAX_NAMED).map(describeAdvisory).join("; ");
    const more = admitted.length > MAX_NAMED ? `; and ${admitted.length - MAX_NAMED} more (listed in the evidence)` : "";
    const detail = admitted.length > 0 ? `; it allows versions affected by ${named}${more}${d.minimumSafe ? `; require >=${d.minimumSafe}` : ""}` : "";
    ctx.report({
      data: { sourceFile: d.sourceFile, line: d.line, package: d.package, specifier: d.specifier ? ` ${d.specifier}` : "", detail },
      evidence: admitted.map((a) => ({ text: describeAdvisory(a) })),
      advisories: admitted,
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      key: `${d.package}\0${d.line}`,
    });
  },
});
