import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_POLICY } from "../../src/policy/policy.js";
import { scan } from "../../src/scan.js";
import { osSystemPickle } from "../builders/pickle-builder.js";
import { CLEAN_REPO, FIXTURES } from "../cli/cli-harness.js";
import { scanFiles } from "../helpers/scan-files.js";
import { COMMIT_A } from "../sources/hub-helpers.js";
import { assessmentOf, hubSample, scanOnFakeHub } from "./assessment-helpers.js";

const LEGACY_STATE_DICT = readFileSync(join(FIXTURES, "pickle", "benign", "torch-legacy-state-dict.bin"));
const CONFIG = '{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2"}\n';

describe("scores", () => {
  it("gives every dimension a score with the reasons behind it, and infrastructure none, saying why", async () => {
    const scores = assessmentOf(await scan({ target: CLEAN_REPO, assessment: true })).scores;
    expect(scores.dimensions.map((d) => d.id)).toEqual(["model", "data", "governance", "infrastructure"]);
    for (const d of scores.dimensions) expect(d.reasons.length).toBeGreaterThan(0);
    const infra = scores.dimensions.find((d) => d.id === "infrastructure");
    expect(infra?.score).toBeNull();
    expect(infra?.reasons[0]?.text).toMatch(/cannot see the infrastructure/);
    const governance = scores.dimensions.find((d) => d.id === "governance");
    // Local folder: model source and training pipeline both left for review.
    expect(governance?.score).toBe(3);
    expect(governance?.reasons.map((r) => r.items)).toEqual([["model-source"], ["training-pipeline"]]);
    expect(scores.overall).toMatchObject({ score: 3, method: "lowest" });
  });

  it("takes points off for each item's status as the scoring rules say, and explains a full score", async () => {
    const model = assessmentOf(await scanOnFakeHub([hubSample("google__flan-t5-base", "google/flan-t5-base")], { assessment: true, revision: COMMIT_A })).scores.dimensions.find((d) => d.id === "model");
    const deducted = model?.reasons.reduce((n, r) => n + r.points, 0) ?? 0;
    expect(model?.score).toBe(5 - deducted);
  });

  it("caps the model score at 1 when a critical finding is behind it", async () => {
    const report = await scanFiles({ "README.md": "# m\n", "config.json": CONFIG, "pytorch_model.bin": osSystemPickle("echo pwned") }, { assessment: true });
    const model = assessmentOf(report).scores.dimensions.find((d) => d.id === "model");
    expect(model?.score).toBe(1);
    expect(model?.reasons.some((r) => r.ruleIds?.includes("MG-PKL-001") || r.ruleIds?.includes("MG-PKL-003"))).toBe(true);
    expect(assessmentOf(report).scores.overall.score).toBe(1);
  });
});

describe("red flags", () => {
  it("raises no red flag on the documented example model", async () => {
    expect(assessmentOf(await scan({ target: CLEAN_REPO, assessment: true })).redFlags).toEqual([]);
  });

  it("raises 'no model card' for a repo without one, with the finding as evidence", async () => {
    const flags = assessmentOf(await scanFiles({ "config.json": CONFIG }, { assessment: true })).redFlags;
    expect(flags.map((f) => f.id)).toEqual(["no-model-card"]);
    expect(flags[0]?.evidence[0]?.text).toMatch(/^MG-CARD-001/);
  });

  it("raises 'opaque weights' for pickle weights from a publisher not on the vetted list, not for a vetted one", async () => {
    const files = (owner: string) => ({
      id: `${owner}/model`,
      sha: COMMIT_A,
      files: [
        { path: "README.md", content: "---\nlicense: mit\n---\n# m\n" },
        { path: "config.json", content: CONFIG },
        { path: "pytorch_model.bin", content: LEGACY_STATE_DICT, lfs: true },
      ],
    });
    const unvetted = assessmentOf(await scanOnFakeHub([files("someone")], { assessment: true })).redFlags.find((f) => f.id === "opaque-weights");
    expect(unvetted?.reason).toContain('publisher "someone" is not on the vetted-publishers list');
    expect(unvetted?.reason).toContain("pytorch_model.bin");
    const vetted = assessmentOf(await scanOnFakeHub([files("meta-llama")], { assessment: true })).redFlags;
    expect(vetted.map((f) => f.id)).not.toContain("opaque-weights");
    const policy = { ...EMPTY_POLICY, lists: { "vetted-publishers": [{ owner: "someone", reason: "our vendor, reviewed 2026-10" }] } };
    const extended = assessmentOf(await scanOnFakeHub([files("someone")], { assessment: true, policy })).redFlags;
    expect(extended.map((f) => f.id)).not.toContain("opaque-weights");
  });

  it("does not flag the architecture as undescribed when config.json declares it", async () => {
    const flags = assessmentOf(await scanOnFakeHub([hubSample("sentence-transformers__all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2")], { assessment: true })).redFlags;
    expect(flags).toEqual([]);
  });
});

describe("red flags on real, ordinary models (hub-samples through the fake Hub)", () => {
  // Each real card shows only what it really lacks; documented models from their own publishers show nothing.
  const cases: [string, string, string[]][] = [
    ["google__flan-t5-base", "google/flan-t5-base", []],
    ["ibm-granite__granite-3.1-1b-a400m-instruct", "ibm-granite/granite-3.1-1b-a400m-instruct", []],
    ["openai__whisper-large-v3", "openai/whisper-large-v3", []],
    ["microsoft__Phi-3-mini-4k-instruct", "microsoft/Phi-3-mini-4k-instruct", []],
    // A RAIL license restricts use: the framework's red flag, and true of this model.
    ["bigscience__bloom", "bigscience/bloom", ["license-unknown-or-restricted"]],
    // This (Nov 2023) card revision has no license key.
    ["meta-llama__Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf", ["license-unknown-or-restricted"]],
  ];
  for (const [folder, id, expected] of cases) {
    it(`${id}: ${expected.length === 0 ? "no red flag" : expected.join(", ")}`, async () => {
      const flags = assessmentOf(await scanOnFakeHub([hubSample(folder, id)], { assessment: true, metadataOnly: true })).redFlags;
      expect(flags.map((f) => f.id)).toEqual(expected);
    });
  }
});
