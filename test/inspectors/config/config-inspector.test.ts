import { describe, expect, it } from "vitest";
import { fixture, inspectRepo, ofKind, only } from "../model-card/harness.js";

describe("config inspector", () => {
  it("reads architectures and model_type from config.json", async () => {
    const facts = await inspectRepo({ "config.json": fixture("meta-llama__Llama-2-7b-hf", "config.json") });
    expect(only(facts, "config.architecture").data).toEqual({ architectures: ["LlamaForCausalLM"], modelType: "llama", source: "config.json" });
  });

  it("reads the pipeline class of a diffusers model_index.json", async () => {
    const facts = await inspectRepo({ "model_index.json": fixture("stabilityai__stable-diffusion-3.5-large", "model_index.json") });
    expect(only(facts, "config.architecture").data).toEqual({ architectures: ["StableDiffusion3Pipeline"], source: "model_index.json" });
  });

  it("turns invalid JSON into a parse error, not a crash", async () => {
    const facts = await inspectRepo({ "config.json": '{"architectures": [' });
    expect(only(facts, "scan.parse-error").data.message).toMatch(/^not valid JSON/);
  });

  it("ignores config.json files below the root and wrong-typed fields", async () => {
    expect(ofKind(await inspectRepo({ "text_encoder/config.json": "{}" }), "config.architecture")).toEqual([]);
    expect(only(await inspectRepo({ "config.json": '{"architectures": "X", "model_type": 3}' }), "config.architecture").data).toEqual({ architectures: [], source: "config.json" });
  });
});
