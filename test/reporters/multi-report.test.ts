import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { render } from "../../src/reporters/index.js";
import { toMultiSarifLog } from "../../src/reporters/multi-sarif.js";
import { PROJECT_URL } from "../../src/reporters/sarif-rules.js";
import { scanMany } from "../../src/scan-many.js";
import type { MultiScanReport } from "../../src/types/multi-report.js";
import { multitoolPath, validateSarif } from "./sarif-multitool.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "fixtures");
const schemaOf = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, "schema", name), "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
ajv.addSchema(schemaOf("report.schema.json"));
const validateMulti = ajv.compile(schemaOf("multi-report.schema.json"));

let many: MultiScanReport;
beforeAll(async () => {
  many = await scanMany({
    targets: [join(FIXTURES, "repos", "tiny-safetensors-clean"), join(FIXTURES, "hf-cache", "models--acme--tiny-model"), join(FIXTURES, "hf-cache", "models--acme--tampered-model")],
  });
  many.errors.push({ input: "ghost/model", code: "MG_E_SOURCE", message: "ghost/model: model repository not found" });
  many.skipped.push({ input: "org/data", reason: "a dataset reference: modelgate scans models" });
}, 120_000);

describe("many-target JSON", () => {
  it("matches schema/multi-report.schema.json, each report the single-target schema", () => {
    const json = JSON.parse(render("json", many)) as unknown;
    expect(validateMulti(json) ? [] : validateMulti.errors).toEqual([]);
  });

  it("holds one report per target with the aggregate verdict and a summary", () => {
    const json = JSON.parse(render("json", many)) as { kind: string; verdict: { passed: boolean }; summary: Record<string, number>; reports: { target: { repoId?: string; kind: string } }[] };
    expect(json.kind).toBe("multi");
    expect(json.reports.map((r) => r.target.repoId ?? r.target.kind)).toEqual(["acme/tampered-model", "acme/tiny-model", "local-dir"]);
    expect(json.verdict.passed).toBe(false);
    expect(json.summary).toEqual({ targets: 4, passed: 2, failed: 1, incomplete: 0, errors: 1, skipped: 1 });
  });
});

describe("many-target SARIF", () => {
  it("is one run whose artifacts sit under each target's key, so two models' README.md stay two files", () => {
    const log = toMultiSarifLog(many);
    expect(log.runs).toHaveLength(1);
    const uris = log.runs[0]?.artifacts.map((a) => a.location.uri) ?? [];
    expect(uris.filter((u) => u.endsWith("/README.md"))).toEqual(["acme/tampered-model/README.md", "acme/tiny-model/README.md", "tiny-safetensors-clean/README.md"]);
    expect(new Set(uris).size).toBe(uris.length);
  });

  it("points every result location at an artifact of its own target, with uri and index agreeing", () => {
    const run = toMultiSarifLog(many).runs[0];
    const results = run?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const loc = r.locations[0]?.physicalLocation.artifactLocation;
      const artifact = run?.artifacts[loc?.index ?? -1];
      expect(artifact?.location.uri).toBe(loc?.uri);
      expect(artifact?.properties?.["target"]).toBe(r.properties?.["target"]);
      expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    }
  });

  it("keeps the failing model's hash mismatch at that model's weights file", () => {
    const run = toMultiSarifLog(many).runs[0];
    const mismatch = run?.results.filter((r) => r.ruleId === "MG-INT-001").map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri);
    expect(mismatch).toEqual(["acme/tampered-model/model.safetensors"]);
  });

  it("says which target could not be scanned and marks the invocation unsuccessful", () => {
    const inv = toMultiSarifLog(many).runs[0]?.invocations[0];
    expect(inv?.executionSuccessful).toBe(false);
    expect(inv?.toolExecutionNotifications?.map((n) => n.message.text)).toContain("ghost/model could not be scanned: ghost/model: model repository not found.");
  });

  const bin = multitoolPath();
  it.skipIf(!bin)("passes Sarif.Multitool validate --rule-kind Sarif;Ghas", () => {
    const issues = validateSarif(bin ?? "", { many: render("sarif", many) });
    // SARIF2005 (no tool informationUri) is allowed while the project has no public home, as for a single report.
    const allowedWarnings = new Set(PROJECT_URL ? [] : ["SARIF2005"]);
    expect(issues.filter((i) => i.level === "error" || (i.level === "warning" && !allowedWarnings.has(i.ruleId)))).toEqual([]);
  }, 180_000);
});

describe("many-target Markdown and text", () => {
  it("opens the Markdown with a summary table, a row per model and one for the target not scanned", () => {
    const md = render("markdown", many);
    const summary = md.slice(0, md.indexOf("\n## "));
    const rows = summary.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows.map((r) => r.split(" | ")[0])).toEqual(["| `acme/tampered-model`", "| `acme/tiny-model`", "| `tiny-safetensors-clean`", "| `ghost/model`"]);
    expect(md.split("\n").filter((l) => l.startsWith("# "))).toHaveLength(1);
  });

  it("starts the text report with a line per model", () => {
    const lines = render("text", many).split("\n").slice(1, 6);
    expect(lines.map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "))).toEqual(["FAILED acme/tampered-model", "PASSED acme/tiny-model", "PASSED tiny-safetensors-clean", "ERROR ghost/model", "SKIPPED org/data"]);
  });
});
