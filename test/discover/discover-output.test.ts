import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import { renderDiscoverJson } from "../../src/discover/render-json.js";
import { renderDiscoverSarif } from "../../src/discover/render-sarif.js";
import { renderDiscoverText } from "../../src/discover/render-text.js";
import type { DiscoverReport } from "../../src/discover/types.js";
import { PROJECT_URL } from "../../src/reporters/sarif-rules.js";
import { multitoolPath, validateSarif } from "../reporters/sarif-multitool.js";
import { discoverFiles } from "./temp-codebase.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CODEBASE = join(ROOT, "fixtures", "codebases", "ml-service");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "discover.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
const bin = multitoolPath();

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

describe("discover output", () => {
  let report: DiscoverReport;
  let empty: DiscoverReport;
  beforeAll(() => {
    report = discover({ dir: CODEBASE });
    empty = discoverFiles({ "README.md": "# nothing here\n", "big.py": `x = "${"a".repeat(5 * 1024 * 1024)}"\n` });
  });

  it("JSON of the fixture codebase validates against schema/discover.schema.json", () => {
    expect(errorsOf(JSON.parse(renderDiscoverJson(report)))).toEqual([]);
  });

  it("JSON with no references and a file too big to read validates, and lists that file as not checked", () => {
    const json = JSON.parse(renderDiscoverJson(empty)) as { references: unknown[]; notChecked: { path: string }[] };
    expect(errorsOf(json)).toEqual([]);
    expect(json.references).toEqual([]);
    expect(json.notChecked.map((n) => n.path)).toEqual(["big.py"]);
  });

  it("JSON keeps the contract keys of each reference in order: id, kind, revision, pinned, locations", () => {
    const json = JSON.parse(renderDiscoverJson(report)) as { references: Record<string, unknown>[] };
    expect(Object.keys(json.references[0] ?? {})).toEqual(["id", "kind", "revision", "pinned", "locations"]);
  });

  it("JSON masks a credential on a quoted line", () => {
    const token = "hf_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3f";
    const r = discoverFiles({ "load.py": `from transformers import AutoModel\nm = AutoModel.from_pretrained("acme/private-model", token="${token}")\n` });
    const text = renderDiscoverJson(r);
    expect(text).toContain("acme/private-model");
    expect(text).not.toContain(token);
  });

  it("text names each reference with its pin state and location, and ends with the verdict", () => {
    const text = renderDiscoverText(report, { color: false });
    expect(text).toContain("UNPINNED model openai-community/gpt2\n  app/train.py:33");
    expect(text).toContain("pinned   model microsoft/phi-2@ef382358ec9e382308935a992d908de099b64c23");
    expect(text.trimEnd().split("\n").pop()).toMatch(/^FAILED \(fail-on medium\), findings: \d+ medium, \d+ info$/);
  });

  it("SARIF places each unpinned reference at its file and line, relative to %SRCROOT%", () => {
    const log = JSON.parse(renderDiscoverSarif(report)) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[] }[] }[] };
    const results = log.runs[0]?.results ?? [];
    const gpt2 = results.find((r) => r.ruleId === "MG-DSC-001" && r.locations[0]?.physicalLocation.region.startLine === 33);
    expect(gpt2?.locations[0]?.physicalLocation.artifactLocation).toMatchObject({ uri: "app/train.py", uriBaseId: "%SRCROOT%" });
    expect(results.filter((r) => r.ruleId === "MG-DSC-001").length).toBe(report.findings.filter((f) => f.ruleId === "MG-DSC-001").length);
  });

  it.skipIf(!bin)("SARIF passes Sarif.Multitool validate --rule-kind Sarif;Ghas (fixture codebase, empty codebase)", () => {
    const issues = validateSarif(bin as string, { fixture: renderDiscoverSarif(report), empty: renderDiscoverSarif(empty) });
    // SARIF2005 (tool.driver.informationUri) is allowed only while the project has no public home, as for scan.
    const allowed = new Set(PROJECT_URL ? [] : ["SARIF2005"]);
    expect(issues.filter((i) => i.level === "error" || (i.level === "warning" && !allowed.has(i.ruleId)))).toEqual([]);
  });
});
