import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { EMPTY_POLICY } from "../../src/policy/policy.js";
import { renderJson } from "../../src/reporters/json.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { CLEAN_REPO, ROOT, cli } from "../cli/cli-harness.js";
import { scanFiles } from "../helpers/scan-files.js";
import { COMMIT_A } from "../sources/hub-helpers.js";
import { cleanOnHub, scanOnFakeHub } from "./assessment-helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);

function errorsOf(report: ScanReport): string[] {
  const json: unknown = JSON.parse(renderJson(report));
  return validate(json) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

describe("the assessment in the JSON report (schema/report.schema.json)", () => {
  it("validates a Tier 3 local scan with dated remediation", async () => {
    const report = await scan({ target: CLEAN_REPO, tier: 3, assessmentDate: "2026-12-04" });
    expect(errorsOf(report)).toEqual([]);
    const json = JSON.parse(renderJson(report)) as { assessment: { tier: { level: number }; scores: unknown; redFlags: unknown; sectionD: unknown[]; remediation: unknown[] } };
    expect(Object.keys(json.assessment)).toEqual(["tier", "date", "scores", "redFlags", "sectionD", "remediation"]);
    expect(json.assessment.tier.level).toBe(3);
  });

  it("validates a Hub scan under a reviewed waiver, and an assessment without a tier", async () => {
    const policy = { ...EMPTY_POLICY, waivers: [{ item: "training-pipeline", reviewer: "Dana", reason: "ok" }, { rule: "MG-CARD-001", reviewer: "Dana", reason: "card held by vendor" }] };
    expect(errorsOf(await scanOnFakeHub(cleanOnHub(), { tier: 3, revision: COMMIT_A, policy }))).toEqual([]);
    const untiered = await scanFiles({ "config.json": "{}\n" }, { assessment: true, policy });
    expect(untiered.findings.find((f) => f.ruleId === "MG-CARD-001")?.suppressed).toEqual({ reason: "card held by vendor", reviewer: "Dana" });
    expect(untiered.sections.assessment?.tier).toBeNull();
    expect(errorsOf(untiered)).toEqual([]);
  });

  it("is reproducible byte for byte without a date", async () => {
    const a = renderJson(await scan({ target: CLEAN_REPO, tier: 2 }));
    const b = renderJson(await scan({ target: CLEAN_REPO, tier: 2 }));
    expect(a).toBe(b);
  });
});

describe("--tier and --assessment-date on the CLI", () => {
  it("exits 1 when the tier fails and 0 when it passes, with the assessment in the JSON", async () => {
    const t3 = await cli(["scan", CLEAN_REPO, "--tier", "3", "--format", "json"]);
    expect(t3.code).toBe(1);
    expect((JSON.parse(t3.stdout) as { assessment?: unknown }).assessment).toBeDefined();
    expect((await cli(["scan", CLEAN_REPO, "--tier", "1", "--format", "json"])).code).toBe(0);
  });

  it("refuses a tier or date it cannot use as a usage error (exit 2)", async () => {
    const bad = await cli(["scan", CLEAN_REPO, "--tier", "4"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tier.*must be 1, 2 or 3/);
    const date = await cli(["scan", CLEAN_REPO, "--tier", "1", "--assessment-date", "2026-02-30"]);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/YYYY-MM-DD/);
  });

  it("says on stderr that the tier was not met when the report goes to a file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "modelgate-tier-")), "report.md");
    const run = await cli(["scan", CLEAN_REPO, "--tier", "3", "-o", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("FAILED (Tier 3 not met; fail-on medium)");
    expect(readFileSync(out, "utf8")).toContain("## Assessment");
  });

  it("dates remediation from --assessment-date", async () => {
    const run = await cli(["scan", CLEAN_REPO, "--tier", "3", "--assessment-date", "2026-12-04", "--format", "json"]);
    const json = JSON.parse(run.stdout) as { assessment: { date: string; remediation: { due: { date?: string } }[] } };
    expect(json.assessment.date).toBe("2026-12-04");
    expect(json.assessment.remediation.every((r) => r.due.date !== undefined)).toBe(true);
  });
});
