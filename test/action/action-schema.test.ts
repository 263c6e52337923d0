import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import AjvDraft7 from "ajv";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const schema = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(import.meta.dirname, "schemas", name), "utf8")) as Record<string, unknown>;
// The catalog's schemas use draft-07 tuple forms and $comment; strict mode would reject the schema, not the document.
const ajv = new AjvDraft7.default({ allErrors: true, strict: false });
const validateAction = ajv.compile(schema("github-action.json"));
const validateWorkflow = ajv.compile(schema("github-workflow.json"));

function errors(validate: typeof validateAction, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

const yaml = (path: string): unknown => load(readFileSync(path, "utf8"));
const examples = readdirSync(join(ROOT, "examples", "github")).filter((f) => f.endsWith(".yml")).sort();

describe("the GitHub Action and the example workflows against SchemaStore's schemas", () => {
  it("action.yml is a valid composite action", () => {
    expect(errors(validateAction, yaml(join(ROOT, "action.yml")))).toEqual([]);
  });

  it("ships the three example workflows", () => {
    expect(examples).toEqual(["nightly-drift.yml", "pr-gate.yml", "sharded-inventory.yml"]);
  });

  for (const file of examples) {
    it(`examples/github/${file} is a valid workflow`, () => {
      expect(errors(validateWorkflow, yaml(join(ROOT, "examples", "github", file)))).toEqual([]);
    });
  }

  it("the validators reject what GitHub rejects: a step with neither run nor uses, a job without runs-on", () => {
    const action = yaml(join(ROOT, "action.yml")) as { runs: { steps: Record<string, unknown>[] } };
    action.runs.steps.push({ name: "nothing to do" });
    expect(errors(validateAction, action).length).toBeGreaterThan(0);
    expect(errors(validateWorkflow, { on: "push", jobs: { a: { steps: [{ run: "true" }] } } }).join("\n")).toMatch(/runs-on/);
  });

  it("declares every input the scan script reads, and the outputs it writes", () => {
    const action = yaml(join(ROOT, "action.yml")) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { steps: { env?: Record<string, string> }[] } };
    const script = readFileSync(join(ROOT, "action", "run.sh"), "utf8");
    const read = [...new Set([...script.matchAll(/INPUT_([A-Z_]+)/g)].map((m) => (m[1] ?? "").toLowerCase().replace(/_/g, "-")))].sort();
    expect(read).toEqual(Object.keys(action.inputs).filter((i) => i !== "upload-sarif").sort());
    const passed = Object.keys(action.runs.steps.find((s) => s.env?.["INPUT_TARGET"])?.env ?? {}).sort();
    expect(passed).toEqual(read.map((i) => `INPUT_${i.toUpperCase().replace(/-/g, "_")}`).sort());
    expect(Object.keys(action.outputs).sort()).toEqual(["report-file", "sarif-file", "verdict"]);
  });

  it(".pre-commit-hooks.yaml declares a node hook running modelgate scan on model files", () => {
    const hooks = yaml(join(ROOT, ".pre-commit-hooks.yaml")) as { id: string; entry: string; language: string; files: string }[];
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([["modelgate", "modelgate scan", "node"]]);
    const files = new RegExp(hooks[0]?.files ?? "^$");
    for (const hit of ["pytorch_model.bin", "weights/model.safetensors", "m.gguf", "a/config.json"]) expect(files.test(hit)).toBe(true);
    for (const miss of ["README.md", "src/app.py", "package.json"]) expect(files.test(miss)).toBe(false);
  });
});
