import { describe, expect, it } from "vitest";
import { inspectArtifact } from "../../src/engine/inspect-artifact.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { inspectors as ggufInspectors } from "../../src/inspectors/gguf/index.js";
import { inspectors as safetensorsInspectors } from "../../src/inspectors/safetensors/index.js";
import { SNIFF_BYTES } from "../../src/limits.js";
import type { ByteSource } from "../../src/types/artifact.js";
import type { Fact } from "../../src/types/fact.js";
import type { Inspector } from "../../src/types/inspector.js";
import { buildGguf } from "../builders/gguf.js";
import { buildSafetensors } from "../builders/safetensors.js";

/** A source that counts the bytes asked for, standing in for a ranged HTTP source. */
function counting(bytes: Uint8Array): ByteSource & { asked: number } {
  const inner = new MemoryByteSource(bytes);
  const s = {
    asked: 0,
    size: inner.size,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const got = await inner.read(offset, length);
      s.asked += got.length;
      return got;
    },
  };
  return s;
}

async function run(source: ByteSource, path: string, own: readonly Inspector[]): Promise<Fact[]> {
  const facts: Fact[] = [];
  const ctx = { target: { kind: "hub" as const, input: "x" }, files: [], list: () => undefined };
  for await (const f of inspectArtifact({ ref: { path }, source, origin: "hub" }, 0, own, ctx)) facts.push(f);
  return facts;
}

describe("header-only reads", () => {
  it("reads only the sniffed head, the length prefix and the header of a large safetensors file", async () => {
    const bytes = buildSafetensors({ big: { dtype: "F32", shape: [1024, 1024] } });
    const src = counting(bytes);
    const facts = await run(src, "model.safetensors", safetensorsInspectors);
    expect(facts.some((f) => f.kind === "safetensors.header")).toBe(true);
    expect(src.asked).toBeLessThan(SNIFF_BYTES + 8 + 200);
  });

  it("reads only the header of a large GGUF file", async () => {
    const bytes = buildGguf({ kv: [["tokenizer.chat_template", { type: "string", value: "{{ x }}" }]], tensors: [{ name: "w", dims: [512, 512] }] });
    const src = counting(bytes);
    const facts = await run(src, "model.gguf", ggufInspectors);
    expect(facts.some((f) => f.kind === "template.found")).toBe(true);
    expect(src.asked).toBeLessThan(SNIFF_BYTES + 64 * 1024 + 1);
    expect(src.asked).toBeLessThan(bytes.length / 4);
  });
});
