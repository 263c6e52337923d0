import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliWithEnv } from "../../cli/cli-harness.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "../../support/fake-hub.js";
import { GOOD_BODY, card } from "./harness.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface LineageEntry {
  kind: string;
  repoId: string;
  depth: number;
  parent: string | null;
  status: string;
  license: string[];
  piiStatements?: { line: number; text: string }[];
}

function model(id: string, cardData: Record<string, unknown>): FakeRepo {
  return { id, files: [{ path: "README.md", content: `# ${id}\n` }], info: { cardData } };
}

function dataset(id: string, license: string, readme: string): FakeRepo {
  return { id, kind: "dataset", files: [{ path: "README.md", content: readme }], info: { cardData: { license } } };
}

const PII_CARD = "---\nlicense: cc-by-4.0\n---\n# Data\n\nEmail addresses and phone numbers were removed before release.\n";

/**
 * acme/model → org/a → org/b → org/a (cycle), acme/model → ghost/base (not on the Hub);
 * datasets org/open-data (cc-by-4.0, its card states PII removal) and org/nc-data (cc-by-nc-4.0).
 */
const REPOS: FakeRepo[] = [
  {
    id: "acme/model",
    info: { cardData: { license: "apache-2.0" } },
    files: [{ path: "README.md", content: card("license: apache-2.0\nbase_model:\n  - org/a\n  - ghost/base\ndatasets:\n  - org/open-data\n  - org/nc-data", GOOD_BODY) }],
  },
  model("org/a", { license: "apache-2.0", base_model: "org/b" }),
  model("org/b", { license: "apache-2.0", base_model: ["org/a"] }),
  dataset("org/open-data", "cc-by-4.0", PII_CARD),
  dataset("org/nc-data", "cc-by-nc-4.0", "# NC data\n\nScraped forum posts.\n"),
];

describe("lineage through the CLI and a fake Hub (HF_ENDPOINT)", () => {
  let hub: FakeHub;
  let dir: string;
  let json: { lineage: LineageEntry[]; findings: { ruleId: string; message: string }[]; checklist: { id: string; status: string; evidence: { text: string }[] }[] };
  let sarif: { runs: { properties: { lineage: LineageEntry[] }; results: { ruleId: string }[] }[] };

  beforeAll(async () => {
    hub = await startFakeHub({ repos: REPOS });
    dir = mkdtempSync(join(tmpdir(), "modelgate-lineage-cli-"));
    // The CLI runs in-process (the lineage is the subject, not the process); HF_HOME is spelled out
    // because os.homedir() here is the runner's, not env.HOME.
    const env = { NO_COLOR: "1", HF_ENDPOINT: hub.url, HF_HUB_CACHE: join(dir, "cache"), HOME: dir, HF_HOME: join(dir, ".cache", "huggingface") };
    const common = ["scan", "acme/model", "--fail-on", "none", "--allow-incomplete"];
    const runs = await Promise.all([cliWithEnv([...common, "--format", "json", "-o", join(dir, "r.json")], env), cliWithEnv([...common, "--format", "sarif", "-o", join(dir, "r.sarif")], env)]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    json = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as typeof json;
    sarif = JSON.parse(readFileSync(join(dir, "r.sarif"), "utf8")) as typeof sarif;
  }, 60_000);

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the lineage into the JSON report as a flat list of models then datasets", () => {
    expect(json.lineage.map((l) => [l.kind, l.repoId, l.depth, l.parent, l.status])).toEqual([
      ["model", "org/a", 1, null, "found"],
      ["model", "ghost/base", 1, null, "not-found"],
      ["model", "org/b", 2, "org/a", "found"],
      ["model", "org/a", 3, "org/b", "cycle"],
      ["dataset", "org/open-data", 1, null, "found"],
      ["dataset", "org/nc-data", 1, null, "found"],
    ]);
  });

  it("carries each dataset's license and the PII statement quoted from its card with its line", () => {
    const open = json.lineage.find((l) => l.repoId === "org/open-data");
    expect(open?.license).toEqual(["cc-by-4.0"]);
    expect(open?.piiStatements).toEqual([{ line: 6, text: "Email addresses and phone numbers were removed before release." }]);
    expect(json.lineage.find((l) => l.repoId === "org/nc-data")).toMatchObject({ license: ["cc-by-nc-4.0"], piiStatements: [] });
  });

  it("reports the cycle, the missing ancestor and the non-commercial dataset as findings", () => {
    const byRule = (id: string): string[] => json.findings.filter((f) => f.ruleId === id).map((f) => f.message);
    expect(byRule("MG-PROV-002")).toEqual(["base_model chain loops: org/a → org/b → org/a"]);
    expect(byRule("MG-PROV-001")).toEqual(["base model ghost/base: no such repository on the Hub (deleted, renamed, private or mistyped)"]);
    expect(byRule("MG-LIC-006").join("\n")).toContain("org/nc-data");
  });

  it("fails item 2 and passes item 3 on the dataset card's PII statement", () => {
    const item = (id: string) => json.checklist.find((i) => i.id === id);
    expect(item("data-provenance")?.status).toBe("fail");
    expect(item("pii-sanitization")?.status).toBe("pass");
    expect(item("pii-sanitization")?.evidence.map((e) => e.text)).toContain('dataset org/open-data card line 6: "Email addresses and phone numbers were removed before release."');
  });

  it("matches the documented JSON schema, lineage entries included", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schema", "report.schema.json"), "utf8")) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
    expect(validate(json) ? [] : validate.errors).toEqual([]);
  });

  it("carries the same lineage list in the SARIF run properties", () => {
    const run = sarif.runs[0];
    expect(run?.properties.lineage).toEqual(json.lineage);
    expect(run?.results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(["MG-PROV-001", "MG-PROV-002", "MG-LIC-006"]));
  });
});
