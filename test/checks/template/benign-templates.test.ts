import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanFiles, type FileMap } from "../../helpers/scan-files.js";

const ROOT = join(import.meta.dirname, "../../../fixtures/templates");
const SEVERE = new Set(["critical", "high", "medium"]);

/** Every public template fixture: benign/<family>/ (make_benign_templates.py) and valid/<model>/ (make_real_templates.py). */
function families(): { name: string; files: FileMap }[] {
  return ["benign", "valid"].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).map((name) => {
      const files: FileMap = {};
      for (const f of readdirSync(join(ROOT, dir, name))) files[f] = readFileSync(join(ROOT, dir, name, f));
      return { name: `${dir}/${name}`, files };
    }),
  );
}

describe("the public chat templates of the families people deploy", () => {
  for (const family of families()) {
    it(`${family.name} parses, renders and has no template finding above low`, async () => {
      const report = await scanFiles(family.files);
      const tpl = report.findings.filter((f) => f.ruleId.startsWith("MG-TPL-"));
      expect(tpl.filter((f) => SEVERE.has(f.severity)).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
      expect(report.verdict.passed).toBe(true);
    });
  }
});
