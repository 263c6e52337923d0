import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAssessmentRules } from "../../src/assessment/assessment-rules.js";
import { scoringTableMarkdown, spliceScoringTable } from "../../src/assessment/scoring-table.js";

describe("README.md assessment section", () => {
  it("carries the scoring rules generated from rules/assessment (run `npm run docs` after changing them)", () => {
    const readme = readFileSync("README.md", "utf8");
    const data = loadAssessmentRules();
    expect(spliceScoringTable(readme, scoringTableMarkdown(data.scoring, data.redFlags))).toBe(readme);
  });
});
