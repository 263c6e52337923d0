import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inspectors as ggufInspectors } from "../../src/inspectors/gguf/index.js";
import { inspectors as safetensorsInspectors } from "../../src/inspectors/safetensors/index.js";
import type { Fact } from "../../src/types/fact.js";
import type { Inspector } from "../../src/types/inspector.js";
import { buildGguf } from "../builders/gguf.js";
import { inspectBytes, mutations } from "../builders/run-inspector.js";
import { buildSafetensors } from "../builders/safetensors.js";

/** Every prefix plus seeded mutations: each must end in facts, never an escaped exception. */
async function sweep(base: Uint8Array, name: string, own: readonly Inspector[], seed: number, count: number): Promise<Fact[]> {
  const cases = [...Array.from({ length: base.length }, (_, i) => base.subarray(0, i)), ...mutations(base, count, seed, Math.min(base.length, 512))];
  const failures: Fact[] = [];
  for (const bytes of cases) {
    const { facts } = await inspectBytes(bytes, name, { inspectors: own });
    failures.push(...facts.filter((f) => f.kind === "scan.inspector-failed"));
  }
  return failures;
}

describe("header fuzzing", () => {
  it("turns every truncated or mutated safetensors header into facts, never an exception", async () => {
    const base = readFileSync(new URL("../../fixtures/safetensors/valid.safetensors", import.meta.url));
    expect(await sweep(base, "model.safetensors", safetensorsInspectors, 1, 4000)).toEqual([]);
    const built = buildSafetensors({ a: { dtype: "BF16", shape: [3, 2] }, b: { dtype: "I64", shape: [0] } }, { format: "pt", note: "x" });
    expect(await sweep(built, "model.safetensors", safetensorsInspectors, 2, 500)).toEqual([]);
  });

  it("turns every truncated or mutated GGUF header into facts, never an exception", async () => {
    const base = buildGguf({
      kv: [
        ["general.architecture", { type: "string", value: "llama" }],
        ["tokenizer.ggml.tokens", { type: "array", elem: "string", value: ["<s>", "</s>", "a", "b"] }],
        ["tokenizer.ggml.scores", { type: "array", elem: "f32", value: [0, 0, 1, 1] }],
        ["tokenizer.chat_template", { type: "string", value: "{{ messages }}" }],
      ],
      tensors: [{ name: "tok_embd", dims: [8, 2] }, { name: "out", dims: [32], type: 8 }],
      dataBytes: 256,
    });
    expect(await sweep(base, "model.gguf", ggufInspectors, 3, 5000)).toEqual([]);
  });
});
