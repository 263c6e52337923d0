import { describe, expect, it } from "vitest";
import type { ChecklistItem } from "../../src/types/checklist.js";
import type { HubApi } from "../../src/types/hub-api.js";
import type { ScanTarget } from "../../src/types/source.js";
import { GOOD_BODY, HUB_TARGET, card, fixture, handHub, scanRepo, type Files } from "../inspectors/model-card/harness.js";

async function item(id: string, files: Files, target: ScanTarget = HUB_TARGET, hub: HubApi | undefined = target.kind === "hub" ? handHub({}) : undefined): Promise<ChecklistItem> {
  const found = (await scanRepo(files, target, hub)).checklist.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

describe("item 2: training data provenance and licenses", () => {
  it("passes when the datasets resolve with known licenses and nothing is flagged", async () => {
    const r = await item("data-provenance", { "README.md": card("license: mit\ndatasets: [o/d]", GOOD_BODY) }, HUB_TARGET, handHub({}, { "o/d": { cardData: { license: "cc-by-4.0" } } }));
    expect(r.status).toBe("pass");
    expect(r.evidence.map((e) => e.text)).toContain("dataset o/d: found, license cc-by-4.0");
  });

  it("fails when the card declares no license", async () => {
    expect((await item("data-provenance", { "README.md": card("datasets: [o/d]", GOOD_BODY) }, HUB_TARGET, handHub({}, { "o/d": {} }))).status).toBe("fail");
  });

  it("asks for review, not failure, for a known but use-restricted license", async () => {
    const r = await item("data-provenance", { "README.md": card("license: llama2", GOOD_BODY) });
    expect(r.status).toBe("review");
    expect(r.evidence[0]?.text).toContain("MG-LIC-005");
  });

  it("does not fail when only intended use and limitations are missing: the data and license are named", async () => {
    const body = GOOD_BODY.replace(/## Intended Use\n[^\n]*\n/, "").replace(/## Limitations\n[^\n]*\n/, "");
    const r = await item("data-provenance", { "README.md": card("license: mit\ndatasets: [o/d]", body) }, HUB_TARGET, handHub({}, { "o/d": { cardData: { license: "cc-by-4.0" } } }));
    expect(r.status).toBe("review");
    expect(r.evidence[0]?.text).toContain("MG-CARD-006");
  });

  it("asks for review when the lineage could not be verified (local folder)", async () => {
    const r = await item("data-provenance", { "README.md": card("license: mit\nbase_model: o/a", GOOD_BODY) }, { kind: "local-dir", input: "." });
    expect(r.status).toBe("review");
    expect(r.evidence.map((e) => e.text)).toContain("base model o/a: unverifiable (local target: lineage is not looked up on the Hub)");
  });
});

describe("card findings on bold-label cards", () => {
  it("does not report Granite 3.1's **Training Data:**/**Intended Use:** card as undocumented", async () => {
    const files = { "README.md": fixture("ibm-granite__granite-3.1-1b-a400m-instruct", "README.md"), "config.json": fixture("ibm-granite__granite-3.1-1b-a400m-instruct", "config.json") };
    const report = await scanRepo(files, { kind: "local-dir", input: "." });
    expect(report.findings.map((f) => f.ruleName).filter((n) => n.startsWith("card-"))).toEqual([]);
    expect(report.checklist.find((i) => i.id === "data-provenance")?.status).toBe("review");
  });
});

describe("item 3: PII sanitization", () => {
  it("passes with the statements quoted and located by line", async () => {
    const r = await item("pii-sanitization", { "README.md": fixture("google__gemma-2-9b-it", "README.md") });
    expect(r.status).toBe("pass");
    expect(r.evidence[0]?.text).toMatch(/^README.md lines 297-298: "reliable, automated techniques were used to filter out certain personal information/);
    expect(r.evidence[0]?.region).toMatchObject({ startLine: 297, endLine: 298 });
  });

  it("passes on a dataset card's PII statement", async () => {
    const hub = handHub({}, { "o/d": { readme: "# D\nNames were pseudonymized before release.\n" } });
    const r = await item("pii-sanitization", { "README.md": card("license: mit\ndatasets: [o/d]", GOOD_BODY) }, HUB_TARGET, hub);
    expect(r.evidence.map((e) => e.text)).toEqual(['dataset o/d card line 2: "Names were pseudonymized before release."']);
  });

  it("does not claim to have searched a gated dataset's card whose text could not be read", async () => {
    const hub = handHub({}, { "o/open": { cardData: { license: "mit" }, readme: "# Open\nNo statement here.\n" }, "o/gated": { cardData: { license: "mit" }, gated: "manual", error: "README.md: access to dataset o/gated is restricted" } });
    const r = await item("pii-sanitization", { "README.md": card("license: mit\ndatasets: [o/open, o/gated]", GOOD_BODY) }, HUB_TARGET, hub);
    expect(r.status).toBe("review");
    expect(r.evidence.map((e) => e.text)).toEqual([expect.stringMatching(/ and dataset cards of o\/open for statements/), "dataset cards not read: o/gated"]);
  });

  it("asks for review and says what was searched when nothing is found", async () => {
    const r = await item("pii-sanitization", { "README.md": card("license: mit", GOOD_BODY) });
    expect(r.status).toBe("review");
    expect(r.evidence[0]?.text).toMatch(/^searched README.md \(\d+ lines, 7 sections\) for statements about PII/);
  });
});

describe("item 4: architecture documentation", () => {
  it("passes when the card's architecture section names config.json's model type (Llama-2-7b-hf)", async () => {
    const r = await item("architecture-documentation", { "README.md": fixture("meta-llama__Llama-2-7b-hf", "README.md"), "config.json": fixture("meta-llama__Llama-2-7b-hf", "config.json") });
    expect(r.status).toBe("pass");
    expect(r.summary).toContain("consistent with config.json (llama)");
  });

  it("passes when the card names the model family of a variant model_type (Granite 3.1 MoE: granitemoe)", async () => {
    const g = "ibm-granite__granite-3.1-1b-a400m-instruct";
    const r = await item("architecture-documentation", { "README.md": fixture(g, "README.md"), "config.json": fixture(g, "config.json") }, { kind: "local-dir", input: "." });
    expect(r.status).toBe("pass");
    expect(r.summary).toContain("consistent with config.json (granitemoe)");
  });

  it("does not shorten a model type to a family of fewer than 4 letters (t5 in 'mt5')", async () => {
    const r = await item("architecture-documentation", { "README.md": card("license: mit", GOOD_BODY.replace("Llama", "mT5")), "config.json": '{"architectures":["MT5ForConditionalGeneration"],"model_type":"mt5"}' });
    expect(r.status).toBe("pass");
    const other = await item("architecture-documentation", { "README.md": card("license: mit", GOOD_BODY.replace("Llama", "T5")), "config.json": '{"architectures":["MT5ForConditionalGeneration"],"model_type":"mt5"}' });
    expect(other.status).toBe("review");
  });

  it("asks for review when the card describes a different architecture than config.json", async () => {
    const r = await item("architecture-documentation", { "README.md": card("license: mit", GOOD_BODY), "config.json": '{"architectures":["BertForMaskedLM"],"model_type":"bert"}' });
    expect(r.status).toBe("review");
    expect(r.summary).toContain("does not name what config.json declares (bert)");
  });

  it("asks for review when the card does not document the architecture", async () => {
    const r = await item("architecture-documentation", { "README.md": fixture("stvlynn__Qwen-7B-Chat-Cantonese", "README.md"), "config.json": fixture("stvlynn__Qwen-7B-Chat-Cantonese", "config.json") });
    expect(r.status).toBe("review");
    expect(r.evidence[0]?.text).toContain("MG-CARD-007");
  });

  it("compares a diffusers card with model_index.json", async () => {
    const sd = "stabilityai__stable-diffusion-3.5-large";
    const r = await item("architecture-documentation", { "README.md": fixture(sd, "README.md"), "model_index.json": fixture(sd, "model_index.json") });
    expect(r.status).toBe("pass");
  });
});

describe("item 5: training pipeline", () => {
  it("lists what can be seen and leaves the rest for review", async () => {
    const r = await item("training-pipeline", { "README.md": card("license: mit", GOOD_BODY), "training_args.bin": "x", "train.py": "print(1)" });
    expect(r.status).toBe("review");
    expect(r.summary).toMatch(/^visible: training procedure documented \(1 section\(s\)\); training_args.bin; 1 training script\(s\); the rest needs a person/);
    expect(r.evidence.map((e) => e.text)).toContain("training_args.bin: training arguments shipped (a pickle of TrainingArguments: loading it runs code; see dependency scanning)");
  });

  it("says when nothing about training is visible", async () => {
    const r = await item("training-pipeline", { "README.md": card("license: mit", "# M\n\nA model.\n") });
    expect(r.summary).toMatch(/^nothing about the training pipeline is visible/);
  });
});
