import { readFileSync, writeFileSync } from "node:fs";
import { loadAssessmentRules } from "../src/assessment/assessment-rules.js";
import { scoringTableMarkdown, spliceScoringTable } from "../src/assessment/scoring-table.js";
import { loadChecklist, loadRules } from "../src/catalog/load-rules.js";
import { rulesTableMarkdown, spliceRulesTable } from "../src/catalog/rules-table.js";

const readme = readFileSync("README.md", "utf8");
const assessment = loadAssessmentRules();
const withRules = spliceRulesTable(readme, rulesTableMarkdown(loadRules(), loadChecklist()));
const next = spliceScoringTable(withRules, scoringTableMarkdown(assessment.scoring, assessment.redFlags));
if (next !== readme) writeFileSync("README.md", next);
console.log(next === readme ? "README.md rule and scoring tables are current" : "README.md rule and scoring tables updated");
