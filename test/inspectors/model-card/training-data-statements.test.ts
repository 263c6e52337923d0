import { describe, expect, it } from "vitest";
import { fixture, inspectRepo, ofKind, scanRepo } from "./harness.js";

const statements = async (body: string) => ofKind(await inspectRepo({ "README.md": body }), "card.training-data-statement").map((p) => [p.region?.startLine, p.data.text]);

describe("sentences that name the training data (rules/_lists/training-data-phrases.yaml)", () => {
  it.each([
    ["roneneldan__TinyStories-1M", 1, "Model trained on the TinyStories Dataset"],
    ["microsoft__DialoGPT-small", 12, "The model is trained on 147M multi-turn dialogue from Reddit"],
    ["cardiffnlp__twitter-roberta-base-emotion", 3, "trained on ~58M tweets"],
  ])("are found in the real card of %s", async (card, line, quote) => {
    const found = await statements(fixture("training-data", card, "README.md"));
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe(line);
    expect(found[0]?.[1]).toContain(quote);
  });

  it.each([["Qwen__Qwen2-7B-Instruct"], ["mistralai__Mistral-7B-Instruct-v0.2"]])("are not invented for the real card of %s, which names no data", async (card) => {
    expect(await statements(fixture("training-data", card, "README.md"))).toEqual([]);
  });

  it.each([
    ["the transformers Trainer's card for a named dataset", "This model is a fine-tuned version of distilbert-base-uncased on the imdb dataset."],
    ["a Hub dataset id", "Fine-tuned on the HuggingFaceH4/ultrachat_200k dataset for two epochs."],
    ["a linked dataset", "We trained it on the [OpenAssistant](https://huggingface.co/datasets/OpenAssistant/oasst1) dataset."],
    ["a well-known corpus", "The model was pretrained on English Wikipedia and BookCorpus."],
    ["a counted kind of source text", "Fine-tuned with 1.2 million customer reviews."],
  ])("are found for %s", async (_, sentence) => {
    expect(await statements(`# Model\n\n${sentence}\n`)).toEqual([[3, sentence]]);
  });

  it.each([
    ["the Trainer's card for an unnamed dataset", "This model is a fine-tuned version of distilbert-base-uncased on an unknown dataset."],
    ["the Trainer's card with no dataset name", "This model is a fine-tuned version of gpt2 on the None dataset."],
    ["Llama 2's status line", "This is a static model trained on an offline dataset."],
    ["a vague amount of data", "We pretrained the models with a large amount of data, and we post-trained the models with both supervised finetuning and direct preference optimization."],
    ["a vague corpus", "The base Gemma models are pre-trained on a large corpus of text and code data."],
    ["a link to GitHub", "The model has been trained on TPU v4 pods, using [`t5x`](https://github.com/google-research/t5x) codebase."],
    ["tokens without a source", "Llama 2 was pretrained on 2 trillion tokens of data from publicly available sources."],
  ])("are not found in %s", async (_, sentence) => {
    expect(await statements(`# Model\n\n${sentence}\n`)).toEqual([]);
  });

  it("ignores sentences inside fenced code", async () => {
    expect(await statements("# Model\n\n```\n# trained on the TinyStories Dataset\n```\n")).toEqual([]);
  });

  it("keep card-no-training-data quiet and are quoted as checklist item 2 evidence", async () => {
    const result = await scanRepo({ "README.md": fixture("training-data", "roneneldan__TinyStories-1M", "README.md") });
    expect(result.findings.map((f) => f.ruleName)).not.toContain("card-no-training-data");
    const item2 = result.checklist.find((i) => i.id === "data-provenance");
    expect(item2?.evidence.map((e) => e.text)).toContain('README.md line 1: "Model trained on the TinyStories Dataset, see https://arxiv.org/abs/2305.07759" (names the dataset, corpus or benchmark the model was trained on)');
  });

  it("leave card-no-training-data in place for a real card that names no data", async () => {
    const result = await scanRepo({ "README.md": fixture("training-data", "mistralai__Mistral-7B-Instruct-v0.2", "README.md") });
    expect(result.findings.map((f) => f.ruleName)).toContain("card-no-training-data");
  });
});
