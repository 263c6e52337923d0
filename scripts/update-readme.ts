import { readFileSync, writeFileSync } from "node:fs";
import { loadChecklist, loadRules } from "../src/catalog/load-rules.js";
import { rulesTableMarkdown, spliceRulesTable } from "../src/catalog/rules-table.js";

const readme = readFileSync("README.md", "utf8");
const next = spliceRulesTable(readme, rulesTableMarkdown(loadRules(), loadChecklist()));
if (next !== readme) writeFileSync("README.md", next);
console.log(next === readme ? "README.md rule table is current" : "README.md rule table updated");
