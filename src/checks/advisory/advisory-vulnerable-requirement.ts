import { describeAdvisory } from "../../advisories/advisory-reference.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/dependencies/facts.js";

/** A requirement whose every allowed version an advisory affects, at the advisory's own severity, naming the advisory, its range and fix. */
export const advisoryVulnerableRequirement = defineCheck({
  name: "advisory-vulnerable-requirement",
  consumes: ["dependencies.advisory-match"],
  check(f, ctx) {
    const d = f.data;
    ctx.report({
      data: {
        sourceFile: d.sourceFile,
        line: d.line,
        package: d.package,
        version: d.version,
        advisory: describeAdvisory(d.reference),
        summary: d.summary,
        fix: d.minimumSafe ? `; minimum safe version past every known advisory: ${d.minimumSafe}` : "",
      },
      severity: d.severity ?? "medium",
      advisories: [d.reference],
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      key: `${d.advisoryId}\0${d.package}\0${d.line}`,
    });
  },
});
