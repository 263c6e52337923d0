import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";
import { refToString, rootRef } from "../../../src/types/artifact.js";
import type { Finding } from "../../../src/types/finding.js";
import type { ScanReport } from "../../../src/types/report.js";

const DIR = join(import.meta.dirname, "../../../fixtures/pickle/advisories");
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as Record<string, { rules: string[]; mentions: string; note: string }>;

/** Every bypass of THREATS.md B.1-B.3 that applies to pickle streams, as committed fixtures (fixtures/pickle/make_advisories.py). */
describe("pickle advisory regressions", () => {
  let report: ScanReport;
  const of = (file: string): Finding[] => report.findings.filter((f) => f.artifact && refToString(rootRef(f.artifact)) === file);

  beforeAll(async () => {
    report = await scan({ target: DIR });
  });

  for (const [file, exp] of Object.entries(expected)) {
    it(`${file} (${exp.note}) is reported by ${exp.rules.join(", ")}`, () => {
      const found = of(file);
      for (const rule of exp.rules) expect(found.map((f) => f.ruleName), `${file}: ${rule}`).toContain(rule);
      expect(found.some((f) => f.message.includes(exp.mentions) || f.evidence.some((e) => e.text.includes(exp.mentions))), `${file} mentions ${exp.mentions}`).toBe(true);
    });
  }

  it("reports every dangerous advisory at error level (critical or high)", () => {
    for (const [file, exp] of Object.entries(expected)) {
      if (exp.rules.includes("general-unparseable")) continue;
      expect(of(file).some((f) => f.severity === "critical" || f.severity === "high"), file).toBe(true);
    }
  });

  it("scans the payload handed to pickle.loads as a pickle of its own", () => {
    const nested = report.findings.filter((f) => f.artifact?.parent && refToString(rootRef(f.artifact)) === "B22-pickle-loads-nested.pkl");
    expect(nested.some((f) => f.ruleName === "pickle-dangerous-call" && f.message.includes('os.system("echo inner")'))).toBe(true);
  });
});
