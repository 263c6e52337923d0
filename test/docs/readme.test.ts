import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadChecklist, loadRules } from "../../src/catalog/load-rules.js";
import { rulesTableMarkdown, spliceRulesTable } from "../../src/catalog/rules-table.js";

const readme = readFileSync("README.md", "utf8");

describe("README.md", () => {
  it("carries the rule table generated from rules/ (run `npm run docs` after changing a rule)", () => {
    const table = rulesTableMarkdown(loadRules(), loadChecklist());
    expect(spliceRulesTable(readme, table)).toBe(readme);
  });

  it("opens with the two set-up commands: scan a bundled example, run the tests", () => {
    const blocks = [...readme.matchAll(/```(?:sh|bash)?\n([\s\S]*?)```/g)].map((m) => m[1]?.trim());
    expect(blocks[0]).toBe("npm ci && npx modelgate scan fixtures/repos/tiny-safetensors-clean");
    expect(blocks[1]).toBe("npm test");
  });

  it("documents every scan option the CLI accepts", async () => {
    const { createProgram } = await import("../../cli/program.js");
    const program = createProgram({ stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    const scanCmd = program.commands.find((c) => c.name() === "scan");
    const flags = (scanCmd?.options ?? []).map((o) => o.long).filter((f): f is string => !!f);
    expect(flags.length).toBeGreaterThan(5);
    expect(flags.filter((f) => !readme.includes(f))).toEqual([]);
  });
});
