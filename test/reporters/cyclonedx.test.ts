import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCycloneDxJson } from "../../src/reporters/cyclonedx.js";
import { render } from "../../src/reporters/index.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { osSystemPickle } from "../builders/pickle-builder.js";
import { cli } from "../cli/cli-harness.js";
import { scanFiles } from "../helpers/scan-files.js";
import { COMMIT_A, COMMIT_B, tempCache } from "../sources/hub-helpers.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "../support/fake-hub.js";
import { HUB_REPO_FIXTURES, HUB_SAMPLES, hubSampleNames, hubSampleRepo } from "../support/hub-sample-repo.js";
import { bomSchemaErrors } from "./cyclonedx-validator.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

interface Bom {
  serialNumber: string;
  metadata: { timestamp?: string; tools: { components: { name: string }[] } };
  components: BomComponent[];
  vulnerabilities?: BomVulnerability[];
}
interface BomComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  "bom-ref"?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: ({ license: { id?: string; name?: string; url?: string } } | { expression: string })[];
  externalReferences?: { type: string; url: string }[];
  components?: BomComponent[];
  properties?: { name: string; value: string }[];
  pedigree?: { ancestors: BomComponent[] };
  modelCard?: {
    modelParameters?: { task?: string; architectureFamily?: string; modelArchitecture?: string; datasets?: { ref: string }[] };
    quantitativeAnalysis?: { performanceMetrics: { type: string; value: string; slice?: string }[] };
    considerations?: { useCases?: string[]; technicalLimitations?: string[]; ethicalConsiderations?: { name: string }[] };
  };
}
interface BomVulnerability {
  "bom-ref": string;
  id: string;
  source?: { name: string; url?: string };
  references?: { id: string; source: { name: string } }[];
  ratings: { severity: string }[];
  description: string;
  recommendation?: string;
  affects: { ref: string }[];
  properties?: { name: string; value: string }[];
  analysis?: { detail?: string };
}

const parse = (json: string): Bom => JSON.parse(json) as Bom;
const modelOf = (bom: Bom): BomComponent => bom.components.find((c) => c.type === "machine-learning-model") as BomComponent;
const propOf = (c: { properties?: { name: string; value: string }[] }, name: string) => c.properties?.find((p) => p.name === name)?.value;

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;

async function hubScan(repos: FakeRepo[], target: string): Promise<ScanReport> {
  hub = await startFakeHub({ repos });
  cache = tempCache();
  try {
    return await scan({ target, hubUrl: hub.url, cacheDir: cache.dir });
  } finally {
    await hub.close();
    cache.cleanup();
    hub = undefined;
    cache = undefined;
  }
}

afterAll(async () => {
  await hub?.close();
  cache?.cleanup();
});

describe("CycloneDX BOMs of the fixtures validate against the CycloneDX 1.6 schema", () => {
  it("rejects a deliberately broken BOM, so a clean validation means something", async () => {
    const report = await scan({ target: join(FIXTURES, "repos", "tiny-safetensors-clean") });
    const broken = JSON.parse(toCycloneDxJson([report])) as { components: Record<string, unknown>[] };
    if (broken.components[0]) broken.components[0]["modelCard"] = { task: "not where the schema puts it" };
    expect((await bomSchemaErrors(JSON.stringify(broken))).length).toBeGreaterThan(0);
  });

  const locals = [
    ...readdirSync(join(FIXTURES, "repos")).map((n) => join(FIXTURES, "repos", n)),
    ...readdirSync(join(FIXTURES, "hf-cache")).filter((n) => n.startsWith("models--")).map((n) => join(FIXTURES, "hf-cache", n)),
    ...readdirSync(join(FIXTURES, "cards")).map((n) => join(FIXTURES, "cards", n)),
    ...readdirSync(join(FIXTURES, "diffusers")).map((n) => join(FIXTURES, "diffusers", n)),
    ...["pickle", "torch", "keras", "onnx", "gguf", "numpy", "joblib", "archive", "safetensors", "savedmodel", "remote-code", "advisories"].map((n) => join(FIXTURES, n)),
  ];
  for (const target of locals) {
    it(`${target.slice(FIXTURES.length + 1)} (local scan)`, async () => {
      const report = await scan({ target });
      expect(await bomSchemaErrors(toCycloneDxJson([report]))).toEqual([]);
    });
  }

  for (const folder of hubSampleNames(HUB_REPO_FIXTURES)) {
    it(`${folder} through the fake Hub`, async () => {
      const report = await hubScan([hubSampleRepo(HUB_REPO_FIXTURES, folder, COMMIT_A)], folder.replace("__", "/"));
      expect(await bomSchemaErrors(toCycloneDxJson([report]))).toEqual([]);
    });
  }

  // The whole hub-samples collection when it is on this machine (not on a clean clone).
  describe.skipIf(hubSampleNames(HUB_SAMPLES).length === 0)("every hub-samples repo through the fake Hub", () => {
    for (const folder of hubSampleNames(HUB_SAMPLES)) {
      it(folder, async () => {
        const report = await hubScan([hubSampleRepo(HUB_SAMPLES, folder, COMMIT_A)], folder.replace("__", "/"));
        expect(await bomSchemaErrors(toCycloneDxJson([report]))).toEqual([]);
      });
    }
  });
});

describe("the model component of a Hub scan", () => {
  let report: ScanReport;
  let bom: Bom;
  beforeAll(async () => {
    report = await hubScan([hubSampleRepo(HUB_REPO_FIXTURES, "bigscience__bloom", COMMIT_A)], "bigscience/bloom");
    bom = parse(toCycloneDxJson([report]));
  });

  it("is a machine-learning-model with the Hub purl at the scanned commit", () => {
    const m = modelOf(bom);
    expect(m.purl).toBe(`pkg:huggingface/bigscience/bloom@${COMMIT_A}`);
    expect(m["bom-ref"]).toBe(m.purl);
    expect(m.group).toBe("bigscience");
    expect(m.name).toBe("bloom");
    expect(m.version).toBe(COMMIT_A);
  });

  it("links the Hub repository at the commit", () => {
    const refs = modelOf(bom).externalReferences ?? [];
    expect(refs.find((r) => r.type === "website")?.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/bigscience/bloom/tree/${COMMIT_A}$`));
    expect(refs.find((r) => r.type === "model-card")?.url).toMatch(new RegExp(`/bigscience/bloom/blob/${COMMIT_A}/README.md$`));
  });

  it("lists every file as a file component with the SHA-256 of the scanned bytes", () => {
    const files = modelOf(bom).components ?? [];
    expect(files.map((f) => f.name).sort()).toEqual(report.files.map((f) => f.path).sort());
    const readme = readFileSync(join(HUB_REPO_FIXTURES, "bigscience__bloom", "README.md"));
    const entry = files.find((f) => f.name === "README.md");
    expect(entry?.type).toBe("file");
    expect(entry?.hashes).toEqual([{ alg: "SHA-256", content: createHash("sha256").update(readme).digest("hex") }]);
    expect(propOf(entry ?? { properties: [] }, "modelgate:verification")).toBe("verified");
  });

  it("names a Hub license without an SPDX id by its name", () => {
    expect(modelOf(bom).licenses).toEqual([{ license: { name: "BigScience BLOOM RAIL 1.0" } }]);
  });

  it("carries the task and architecture family from the card and config.json", () => {
    const params = modelOf(bom).modelCard?.modelParameters;
    expect(params?.task).toBe("text-generation");
    expect(params?.architectureFamily).toBe("bloom");
    expect(params?.modelArchitecture).toBe("BloomForCausalLM");
  });

  it("reports the card's model-index metrics as performance metrics", () => {
    expect(modelOf(bom).modelCard?.quantitativeAnalysis?.performanceMetrics).toContainEqual({ type: "pass@1", value: "0.15542682926829265", slice: "humaneval, task text-generation" });
  });

  it("quotes intended use, limitations and ethical considerations from the card's own text", () => {
    const squeeze = (t: string) => t.replace(/[ \t]+/g, " ");
    const card = squeeze(readFileSync(join(HUB_REPO_FIXTURES, "bigscience__bloom", "README.md"), "utf8"));
    const c = modelOf(bom).modelCard?.considerations;
    const quoted = [...(c?.useCases ?? []), ...(c?.technicalLimitations ?? []), ...(c?.ethicalConsiderations ?? []).map((e) => e.name)];
    expect(c?.useCases?.length).toBeGreaterThan(0);
    expect(c?.technicalLimitations?.length).toBeGreaterThan(0);
    expect(c?.ethicalConsiderations?.length).toBeGreaterThan(0);
    // Nothing invented: every line of every quote is in the card (runs of blanks read as one).
    for (const q of quoted) for (const line of q.split("\n")) expect(card).toContain(squeeze(line.trim()));
  });

  it("records the checklist statuses and the verdict as properties", () => {
    const m = modelOf(bom);
    for (const item of report.checklist) expect(propOf(m, `modelgate:checklist:${item.number}:${item.id}`)).toBe(item.status);
    expect(propOf(m, "modelgate:verdict")).toMatch(/^(passed|failed|incomplete)$/);
  });

  it("turns every finding into a vulnerability affecting the file it is in", () => {
    expect(bom.vulnerabilities?.length).toBe(report.findings.length);
    const missingShard = report.findings.find((f) => f.ruleId === "MG-SFT-003");
    expect(missingShard).toBeDefined();
    const v = bom.vulnerabilities?.find((x) => x.id === "MG-SFT-003");
    expect(v?.ratings[0]?.severity).toBe(missingShard?.severity);
    expect(v?.description).toBe(missingShard?.message);
    expect(v?.recommendation?.length).toBeGreaterThan(0);
    expect(v?.affects[0]?.ref).toBe(`pkg:huggingface/bigscience/bloom@${COMMIT_A}#model.safetensors.index.json`);
  });
});

describe("lineage and datasets", () => {
  let bom: Bom;
  beforeAll(async () => {
    const repos: FakeRepo[] = [
      {
        id: "acme/tuned",
        sha: COMMIT_A,
        refs: { main: COMMIT_A },
        info: { cardData: { license: "apache-2.0", base_model: "acme/base", datasets: ["acme/corpus"] } },
        files: [
          { path: "README.md", content: "---\nlicense: apache-2.0\nbase_model: acme/base\ndatasets:\n- acme/corpus\n---\n# tuned\n" },
          { path: "config.json", content: '{"model_type":"llama","architectures":["LlamaForCausalLM"]}\n' },
        ],
      },
      { id: "acme/base", sha: COMMIT_B, refs: { main: COMMIT_B }, info: { cardData: { license: "mit" } }, files: [{ path: "README.md", content: "---\nlicense: mit\n---\n# base\n" }] },
      { id: "acme/corpus", kind: "dataset", sha: COMMIT_B, refs: { main: COMMIT_B }, info: { cardData: { license: "cc-by-4.0" } }, files: [{ path: "README.md", content: "---\nlicense: cc-by-4.0\n---\n# corpus\n" }] },
    ];
    const report = await hubScan(repos, "acme/tuned");
    bom = parse(toCycloneDxJson([report]));
    expect(await bomSchemaErrors(JSON.stringify(bom))).toEqual([]);
  });

  it("gives the model its SPDX license", () => {
    expect(modelOf(bom).licenses).toEqual([{ license: { id: "Apache-2.0" } }]);
  });

  it("lists the base model as a pedigree ancestor with its own license", () => {
    const ancestors = modelOf(bom).pedigree?.ancestors ?? [];
    expect(ancestors.map((a) => a.purl)).toEqual(["pkg:huggingface/acme/base"]);
    expect(ancestors[0]?.licenses).toEqual([{ license: { id: "MIT" } }]);
    expect(propOf(ancestors[0] ?? {}, "modelgate:lineage-depth")).toBe("1");
  });

  it("lists a named dataset as a data component with its license, referenced from the model card", () => {
    const data = bom.components.find((c) => c.type === "data");
    expect(data?.["bom-ref"]).toBe("dataset:acme/corpus");
    expect(data?.licenses).toEqual([{ license: { id: "CC-BY-4.0" } }]);
    expect(modelOf(bom).modelCard?.modelParameters?.datasets).toEqual([{ ref: "dataset:acme/corpus" }]);
  });
});

describe("findings and advisories as vulnerabilities", () => {
  let bom: Bom;
  let report: ScanReport;
  beforeAll(async () => {
    report = await scanFiles({ "README.md": "# m\n", "model.bin": osSystemPickle(), "requirements.txt": "Llama_CPP_Python==0.2.60\n" });
    bom = parse(toCycloneDxJson([report]));
    expect(await bomSchemaErrors(JSON.stringify(bom))).toEqual([]);
  });

  it("rates a dangerous pickle critical and points at the file", () => {
    const v = bom.vulnerabilities?.find((x) => x.id === "MG-PKL-001");
    expect(v?.ratings[0]?.severity).toBe("critical");
    expect(v?.affects[0]?.ref).toMatch(/#model\.bin$/);
    expect(propOf(v ?? {}, "modelgate:rule-name")).toBe("pickle-dangerous-global");
  });

  it("names a matched advisory by its own id, with its aliases and a fix version", () => {
    const advisory = report.sections.advisories?.find((a) => a.id === "GHSA-56xg-wfcc-g829");
    expect(advisory).toBeDefined();
    const v = bom.vulnerabilities?.find((x) => x.id === "GHSA-56xg-wfcc-g829");
    expect(v?.source?.name).toBe("GitHub");
    expect(v?.references?.map((r) => r.id).sort()).toEqual([...(advisory?.aliases ?? [])].sort());
    expect(v?.references?.find((r) => r.id.startsWith("CVE-"))?.source.name).toBe("NVD");
    for (const fixed of advisory?.fixed ?? []) expect(v?.recommendation).toContain(fixed);
    expect(propOf(v ?? {}, "modelgate:rule-id")).toBe("MG-ADV-001");
  });

  it("keeps a waived finding with the waiver as its analysis", async () => {
    const waived = await scanFiles(
      { "README.md": "# m\n", "model.bin": osSystemPickle() },
      { policy: { rules: {}, waivers: [{ rule: "MG-PKL-001", path: "model.bin", reason: "sandboxed loader, ticket SEC-1" }], lists: {} } },
    );
    const v = parse(toCycloneDxJson([waived])).vulnerabilities?.find((x) => x.id === "MG-PKL-001");
    expect(v?.analysis?.detail).toBe("waived by policy: sandboxed loader, ticket SEC-1");
  });
});

describe("identity, determinism and several models", () => {
  it("gives a local folder no purl, and a bom-ref from the digest of its file manifest", async () => {
    const files = { "README.md": "# m\n", "config.json": "{}\n" };
    const report = await scanFiles(files);
    const m = modelOf(parse(toCycloneDxJson([report])));
    expect(m.purl).toBeUndefined();
    const lines = Object.entries(files)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([p, c]) => `${createHash("sha256").update(c).digest("hex")}  ${p}\n`)
      .join("");
    const digest = createHash("sha256").update(lines).digest("hex");
    expect(propOf(m, "modelgate:manifest-sha256")).toBe(digest);
    expect(m["bom-ref"]).toBe(`local:${encodeURIComponent(m.name)}@sha256:${digest}`);
  });

  it("gives an HF cache snapshot the purl of its repo and commit", async () => {
    const report = await scan({ target: join(FIXTURES, "hf-cache", "models--acme--tiny-model") });
    expect(modelOf(parse(toCycloneDxJson([report]))).purl).toBe(`pkg:huggingface/acme/tiny-model@${report.target.commitSha ?? ""}`);
  });

  it("renders the same scan to the same bytes, serialNumber included", async () => {
    const target = join(FIXTURES, "repos", "tiny-safetensors-clean");
    const a = toCycloneDxJson([await scan({ target })]);
    const b = toCycloneDxJson([await scan({ target })]);
    expect(a).toBe(b);
    expect(parse(a).serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("derives another serialNumber from other content", async () => {
    const a = parse(toCycloneDxJson([await scanFiles({ "README.md": "# a\n" })]));
    const b = parse(toCycloneDxJson([await scanFiles({ "README.md": "# b\n" })]));
    expect(a.serialNumber).not.toBe(b.serialNumber);
  });

  it("with --timestamp carries the time and a random serialNumber", async () => {
    const target = join(FIXTURES, "repos", "tiny-safetensors-clean");
    const a = parse(render("cyclonedx", await scan({ target, timestamp: true })));
    const b = parse(render("cyclonedx", await scan({ target, timestamp: true })));
    expect(a.metadata.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(a.serialNumber).not.toBe(b.serialNumber);
  });

  it("puts several scanned models into one BOM, one component each, with unique refs", async () => {
    const one = await scanFiles({ "README.md": "# a\n", "model.bin": osSystemPickle() });
    const two = await scan({ target: join(FIXTURES, "hf-cache", "models--acme--tiny-model") });
    const json = toCycloneDxJson([one, two]);
    expect(await bomSchemaErrors(json)).toEqual([]);
    const bom = parse(json);
    expect(bom.components.filter((c) => c.type === "machine-learning-model")).toHaveLength(2);
    const refs = (bom.vulnerabilities ?? []).map((v) => v["bom-ref"]);
    expect(new Set(refs).size).toBe(refs.length);
  });
});

describe("the CLI", () => {
  it("picks CycloneDX from an -o name ending in .cdx.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgate-cdx-"));
    try {
      const out = join(dir, "model.cdx.json");
      const run = await cli(["scan", join(FIXTURES, "repos", "tiny-safetensors-clean"), "-o", out]);
      expect(run.stdout).toBe("");
      const json = readFileSync(out, "utf8");
      expect(modelOf(parse(json)).name).toBe("tiny-safetensors-clean");
      expect(await bomSchemaErrors(json)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts every target of a many-model run into one BOM", async () => {
    const run = await cli(["scan", join(FIXTURES, "repos", "tiny-safetensors-clean"), join(FIXTURES, "hf-cache", "models--acme--tiny-model"), "--format", "cyclonedx"]);
    expect(await bomSchemaErrors(run.stdout)).toEqual([]);
    const models = parse(run.stdout).components.filter((c) => c.type === "machine-learning-model");
    expect(models.map((m) => m.name).sort()).toEqual(["tiny-model", "tiny-safetensors-clean"]);
  });

  it("writes CycloneDX to stdout with --format cyclonedx", async () => {
    const run = await cli(["scan", join(FIXTURES, "repos", "tiny-safetensors-clean"), "--format", "cyclonedx"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6" });
  });
});
