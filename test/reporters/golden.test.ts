import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/reporters/json.js";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { renderText } from "../../src/reporters/text.js";
import { sampleReport } from "./sample-report.js";

/**
 * Golden files for every reporter on one fixed hand-built report. After an intended output
 * change, regenerate with `UPDATE_GOLDEN=1 npx vitest run test/reporters/golden.test.ts` and
 * review the diff like code.
 */
const DIR = join(import.meta.dirname, "golden");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

const cases: [file: string, render: () => string][] = [
  ["sample.txt", () => renderText(sampleReport(), { color: false })],
  ["sample.md", () => renderMarkdown(sampleReport())],
  ["sample.json", () => renderJson(sampleReport())],
  ["sample.sarif", () => renderSarif(sampleReport())],
];

describe("reporter golden files", () => {
  for (const [file, render] of cases) {
    it(`${file} matches the golden file`, () => {
      const path = join(DIR, file);
      const actual = render();
      if (UPDATE) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(path, actual);
        return;
      }
      if (!existsSync(path)) throw new Error(`${path} is missing; create it with UPDATE_GOLDEN=1 npx vitest run test/reporters/golden.test.ts`);
      expect(actual).toBe(readFileSync(path, "utf8"));
    });
  }
});
