import { describe, expect, it } from "vitest";
import { MAX_TEXT_FILE_BYTES } from "../../../src/limits.js";
import { card, fixture, inspectRepo, ofKind, only } from "./harness.js";

const SD35 = "stabilityai__stable-diffusion-3.5-large";

async function sections(readme: string): Promise<Record<string, { topics: string[]; state: string; lines: string }>> {
  const facts = await inspectRepo({ "README.md": readme });
  return Object.fromEntries(ofKind(facts, "card.section").map((s) => [s.data.heading, { topics: s.data.topics, state: s.data.state, lines: `${s.region?.startLine}-${s.region?.endLine}` }]));
}

describe("model card inspector on real cards", () => {
  it("reads Llama-2-7b-hf (Nov 2023) as having gated fields but no license key", async () => {
    const facts = await inspectRepo({ "README.md": fixture("meta-llama__Llama-2-7b-hf", "README.md") });
    const meta = only(facts, "card.metadata");
    expect(meta.data.license).toEqual([]);
    expect(meta.data.gatedFields).toBe(true);
    expect(meta.data.tags).toContain("llama-2");
    expect(meta.region).toEqual({ startLine: 1, endLine: 22 });
  });

  it("reads bloom's RAIL license and model-index", async () => {
    const meta = only(await inspectRepo({ "README.md": fixture("bigscience__bloom", "README.md") }), "card.metadata");
    expect(meta.data.license).toEqual(["bigscience-bloom-rail-1.0"]);
    expect(meta.data.modelIndex).toBe(true);
    expect(meta.data.fieldLines["license"]).toEqual({ startLine: 2, endLine: 2 });
  });

  it("reads the CRLF SD3.5 card: license other with license_name and license_link, lines counted as editors do", async () => {
    const facts = await inspectRepo({ "README.md": fixture(SD35, "README.md") });
    expect(only(facts, "card.document").data).toMatchObject({ lineEnding: "crlf", frontMatter: "parsed", bodyStartLine: 39 });
    const meta = only(facts, "card.metadata");
    expect(meta.data).toMatchObject({ license: ["other"], licenseName: "stabilityai-ai-community", licenseLink: "LICENSE.md" });
    expect(meta.data.fieldLines["license_name"]).toEqual({ startLine: 3, endLine: 3 });
    const uses = ofKind(facts, "card.section").find((s) => s.data.heading === "Uses");
    expect(uses?.region).toMatchObject({ startLine: 202, endLine: 215 });
    expect(uses?.data.topics).toContain("intendedUse");
  });

  it("reads Devstral's base_model written as a list", async () => {
    const meta = only(await inspectRepo({ "README.md": fixture("mistralai__Devstral-Small-2507", "README.md") }), "card.metadata");
    expect(meta.data.baseModels).toEqual(["mistralai/Mistral-Small-3.1-24B-Instruct-2503"]);
    expect(meta.data.license).toEqual(["apache-2.0"]);
  });

  it("reads Qwen-7B-Chat-Cantonese as a card without front matter whose Training Parameters are procedure, not data", async () => {
    const text = fixture("stvlynn__Qwen-7B-Chat-Cantonese", "README.md");
    const facts = await inspectRepo({ "README.md": text });
    expect(only(facts, "card.document").data.frontMatter).toBe("absent");
    expect(ofKind(facts, "card.metadata-problem")).toEqual([]);
    const s = await sections(text);
    expect(s["Training Parameters"]?.topics).toEqual(["trainingProcedure"]);
  });

  it("quotes Gemma 2's PII filtering statements with their lines, across a line break", async () => {
    const pii = ofKind(await inspectRepo({ "README.md": fixture("google__gemma-2-9b-it", "README.md") }), "card.pii-statement");
    expect(pii.map((p) => [p.region?.startLine, p.region?.endLine])).toEqual([
      [297, 298],
      [511, 511],
    ]);
    expect(pii[1]?.data.text).toContain("filtered for removal of PII");
  });
});

describe("model card inspector on synthetic cards", () => {
  it("reads Granite 3.1's bold-label sections (**Training Data:**, **Intended Use:**) as documented topics", async () => {
    const s = await sections(fixture("ibm-granite__granite-3.1-1b-a400m-instruct", "README.md"));
    expect(s["Training Data"]).toEqual({ topics: ["trainingData"], state: "content", lines: "101-102" });
    expect(s["Intended Use"]).toMatchObject({ topics: ["intendedUse"], state: "content", lines: "28-40" });
    expect(s["Model Architecture"]?.topics).toEqual(["architecture"]);
    expect(s["Ethical Considerations and Limitations"]?.topics).toEqual(["ethics", "limitations"]);
    expect(s["Infrastructure"]?.topics).toEqual(["trainingProcedure"]);
  });

  it("counts the text after an inline bold label as that section's content", async () => {
    const s = await sections("# M\n\n**Intended Use Cases** Llama 2 is intended for commercial and research use in English.\n\n**Out-of-scope Uses**\n[More Information Needed]\n");
    expect(s["Intended Use Cases"]).toEqual({ topics: ["intendedUse"], state: "content", lines: "3-3" });
    expect(s["Out-of-scope Uses"]).toEqual({ topics: ["intendedUse"], state: "placeholder", lines: "5-6" });
  });

  it("reports a card with no front matter as absent metadata, not as a problem", async () => {
    const facts = await inspectRepo({ "README.md": "# Just a title\n\nSome text here.\n" });
    expect(only(facts, "card.document").data.frontMatter).toBe("absent");
    expect(only(facts, "card.metadata").data.license).toEqual([]);
  });

  it("keeps every entry of a license list as written", async () => {
    const meta = only(await inspectRepo({ "README.md": card("license:\n  - mit\n  - Apache-2.0") }), "card.metadata");
    expect(meta.data.license).toEqual(["mit", "Apache-2.0"]);
  });

  it("reports malformed YAML at its line and still reads the Markdown sections", async () => {
    const facts = await inspectRepo({ "README.md": "---\nlicense: mit\ntags: [a\n---\n## Training Data\nThe Pile, a large corpus.\n" });
    const problem = only(facts, "card.metadata-problem");
    expect(problem.data.problem).toBe("malformed");
    expect(problem.region?.startLine).toBeGreaterThanOrEqual(2);
    expect(only(facts, "card.document").data.frontMatter).toBe("refused");
    expect(ofKind(facts, "card.section").map((s) => s.data.topics)).toEqual([["trainingData"]]);
  });

  it("refuses an alias bomb in the front matter with a problem fact instead of hanging", async () => {
    const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(",")}]`);
    lines.push("license: *a29");
    const facts = await inspectRepo({ "README.md": card(lines.join("\n")) });
    expect(only(facts, "card.metadata-problem").data.problem).toBe("too-many-aliases");
  });

  it("refuses a card larger than MAX_TEXT_FILE_BYTES with a limit fact, after saying the card exists", async () => {
    const facts = await inspectRepo({ "README.md": new Uint8Array(MAX_TEXT_FILE_BYTES + 1).fill(0x61) });
    expect(only(facts, "card.document").data.complete).toBe(false);
    expect(only(facts, "scan.limit-exceeded").data.limit).toBe("MAX_TEXT_FILE_BYTES");
  });

  it("reports a field with the wrong shape at the field's lines", async () => {
    const facts = await inspectRepo({ "README.md": card("license: mit\ndatasets:\n  name: x\n  url: y\nbase_model: 3") });
    expect(ofKind(facts, "card.metadata-problem").map((p) => [p.data.field, p.region?.startLine, p.region?.endLine])).toEqual([
      ["datasets", 3, 5],
      ["base_model", 6, 6],
    ]);
  });

  it("reports a model-index result without a dataset (huggingface_hub sample_invalid_model_index.md)", async () => {
    const facts = await inspectRepo({ "README.md": fixture("hub-templates", "sample_invalid_model_index.md") });
    expect(only(facts, "card.metadata-problem").data).toMatchObject({ field: "model-index", problem: "wrong-shape" });
  });

  it("reads the huggingface_hub Windows line-break sample", async () => {
    const facts = await inspectRepo({ "README.md": fixture("hub-templates", "sample_windows_line_breaks.md") });
    expect(only(facts, "card.metadata").data.license).toEqual(["mit"]);
    expect(only(facts, "card.document").data.lineEnding).toBe("crlf");
  });

  it("ignores README.md files below the repo root", async () => {
    expect(ofKind(await inspectRepo({ "docs/README.md": card("license: mit") }), "card.document")).toEqual([]);
  });
});

describe("sections", () => {
  it("counts a template section holding only [More Information Needed] as placeholder", async () => {
    const s = await sections("## Training Data\n\n<!-- link a dataset card -->\n\n[More Information Needed]\n");
    expect(s["Training Data"]).toMatchObject({ topics: ["trainingData"], state: "placeholder" });
  });

  it("counts a section holding template placeholders plus one boilerplate sentence as placeholder", async () => {
    const s = await sections("## Training Data\n\nSee the paper for more details.\n\n[More Information Needed]\n\n## Limitations\n\nThe model was trained on English web text. It may produce biased output.\n\n[More Information Needed]\n");
    expect(s["Training Data"]).toMatchObject({ state: "placeholder" });
    // Two sentences of real text beside a placeholder are content.
    expect(s["Limitations"]).toMatchObject({ state: "content" });
  });

  it("counts the unfilled Hub template as placeholders, section by section", async () => {
    const s = await sections(fixture("hub-templates", "huggingface_hub__modelcard_template.md").replace(/\{\{[^}]*\}\}/g, (m) => (m.includes("More Information Needed") ? "[More Information Needed]" : "")));
    for (const h of ["Direct Use", "Out-of-Scope Use", "Bias, Risks, and Limitations", "Training Data", "Uses", "Model Architecture and Objective"]) expect(s[h]?.state, h).toBe("placeholder");
  });

  it("does not count Usage, How to use or How to get started as intended use", async () => {
    const s = await sections("## Usage\nRun pip install and call generate().\n## How to use\nLoad it with transformers pipeline.\n## How to Get Started with the Model\nUse the snippet below please.\n");
    expect(Object.values(s).flatMap((x) => x.topics)).not.toContain("intendedUse");
    expect(s["Usage"]?.topics).toEqual(["usage"]);
  });

  it("gives both topics to 'Intended uses & limitations'", async () => {
    expect((await sections("## Intended uses & limitations\nFor research on proteins only.\n"))["Intended uses & limitations"]?.topics).toEqual(["intendedUse", "limitations"]);
  });

  it("treats a Training section that lists only hardware and steps as procedure, not data", async () => {
    const s = await sections("## Training\n- Hardware: 8 A100 GPUs\n- Steps: 10000 with batch size 64\n");
    expect(s["Training"]?.topics).toEqual(["trainingProcedure"]);
  });

  it("reads a bare Train heading (BAAI bge cards) as training procedure, and as data only when it names data", async () => {
    const s = await sections("# M\n\n## Train\nWe pre-train with RetroMAE and fine-tune with contrastive learning.\n\n# N\n\n## Train\nTrained on the MS MARCO dataset with hard negatives.\n");
    expect(s["Train"]?.topics).toEqual(["trainingData", "trainingProcedure"]);
    const only = await sections("# M\n\n## Train\nWe pre-train with RetroMAE and fine-tune with contrastive learning.\n");
    expect(only["Train"]?.topics).toEqual(["trainingProcedure"]);
  });

  it("does not take a Privacy Policy heading for a section about personal data in the training data", async () => {
    const s = await sections("# M\n\n## Privacy Policy\nWe process your account data as our policy says.\n\n## Privacy\nUser names were replaced before training.\n");
    expect(s["Privacy Policy"]?.topics).toEqual([]);
    expect(s["Privacy"]?.topics).toEqual(["pii"]);
  });

  it("treats a Training section that names its data as training data too", async () => {
    const s = await sections("## Training\nThe model was trained on LAION-2B, a dataset of image-text pairs.\n");
    expect(s["Training"]?.topics).toEqual(["trainingData", "trainingProcedure"]);
  });

  it("gives a section the line range up to the next heading of the same level, subsections included", async () => {
    const s = await sections("# T\n## Uses\n### Direct Use\nChat assistants for customer support.\n\n## Evaluation\nScores below.\n");
    expect(s["Uses"]).toMatchObject({ state: "content", lines: "2-4" });
  });

  it("does not count bare template labels as content", async () => {
    const s = await sections("## Model Details\n- **Developed by:** [More Information Needed]\n- **Model type:** [More Information Needed]\n");
    expect(s["Model Details"]?.state).toBe("placeholder");
  });

  it("matches setext and HTML headings to topics", async () => {
    const s = await sections("Limitations\n-----------\nIt hallucinates facts often.\n\n<h2>Training Data</h2>\nThe C4 corpus, English only.\n");
    expect(s["Limitations"]?.topics).toEqual(["limitations"]);
    expect(s["Training Data"]?.topics).toEqual(["trainingData"]);
  });
});
