import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { looksLikeOnnx } from "../../src/inspectors/onnx/sniff-onnx.js";
import { factsOf, inspectBytes, mutations } from "../builders/run-inspector.js";
import { inspectors as onnxInspectors } from "../../src/inspectors/onnx/index.js";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/onnx/${name}`, import.meta.url));

describe("ONNX inspector", () => {
  it("reports IR version, opset imports, producer and counts of a model made by the onnx library", async () => {
    const { facts } = await inspectBytes(fixture("add.onnx"), "add.onnx");
    expect(factsOf(facts, "onnx.model")[0]?.data).toEqual({
      irVersion: 8,
      opsetImports: [{ domain: "", version: 13 }],
      producerName: "modelgate-fixtures",
      nodeCount: 1,
      initializerCount: 1,
      functions: [],
    });
    expect(factsOf(facts, "onnx.operator").map((f) => f.data)).toEqual([{ domain: "", opType: "Add", count: 1, node: "add0", localFunction: false }]);
  });

  it("reads external data locations with their offset and length", async () => {
    const { facts } = await inspectBytes(fixture("external/model.onnx"), "external/model.onnx");
    expect(factsOf(facts, "onnx.external-data").map((f) => f.data)).toEqual([{ tensor: "w", location: "weights.bin", offset: "0", length: "16" }]);
  });

  it("finds operators inside If/Loop subgraphs", async () => {
    const { facts } = await inspectBytes(fixture("subgraph-custom-op.onnx"), "m.onnx");
    expect(factsOf(facts, "onnx.operator").map((f) => `${f.data.domain}::${f.data.opType}`)).toEqual(["::Identity", "::If", "com.evil.ops::Exfiltrate"]);
  });

  it("marks operators defined by model-local functions", async () => {
    const { facts } = await inspectBytes(fixture("local-function.onnx"), "m.onnx");
    expect(factsOf(facts, "onnx.operator").find((f) => f.data.domain === "local.fn")?.data.localFunction).toBe(true);
  });

  it("recognises a ModelProto by its first bytes whatever the file is called", async () => {
    expect(looksLikeOnnx(fixture("add.onnx"))).toBe(true);
    expect(looksLikeOnnx(new TextEncoder().encode("hello"))).toBe(false);
    const { facts } = await inspectBytes(fixture("add.onnx"), "weights.bin");
    expect(factsOf(facts, "onnx.model")).toHaveLength(1);
  });

  it("skips a large raw_data payload by length without reading it", async () => {
    // TensorProto{name=8:"w", raw_data=9: 4 MiB} inside GraphProto.initializer inside ModelProto.graph.
    const raw = 4 * 1024 * 1024;
    const varint = (n: number): number[] => {
      const out: number[] = [];
      while (n > 0x7f) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
      }
      out.push(n);
      return out;
    };
    const tensorHead = [0x42, 1, 0x77, 0x4a, ...varint(raw)];
    const tensorLen = tensorHead.length + raw;
    const initHead = [0x2a, ...varint(tensorLen)];
    const graphLen = initHead.length + tensorLen;
    const head = [0x08, 0x08, 0x3a, ...varint(graphLen), ...initHead, ...tensorHead];
    const bytes = new Uint8Array(head.length + raw);
    bytes.set(head);
    let read = 0;
    const { MemoryByteSource } = await import("../../src/io/byte-source.js");
    const inner = new MemoryByteSource(bytes);
    const counting = { size: inner.size, bytesRead: 0, read: async (o: number, n: number) => { read += n; return inner.read(o, n); } };
    const { onnxInspector } = await import("../../src/inspectors/onnx/onnx.js");
    const probe = { ref: { path: "big.onnx" }, name: "big.onnx", size: bytes.length, head: bytes.subarray(0, 4096), format: "unknown" as const, depth: 0 };
    const facts = [];
    for await (const f of onnxInspector.inspect({ ref: { path: "big.onnx" }, source: counting, origin: "local" }, probe, { target: { kind: "local-dir", input: "x" }, files: [], list: () => undefined })) facts.push(f);
    expect(facts).toHaveLength(1);
    expect(read).toBeLessThan(256 * 1024);
  });

  it("turns truncated and mutated models into parse facts, never an escaped exception", async () => {
    const base = fixture("subgraph-custom-op.onnx");
    const cases = [...Array.from({ length: base.length }, (_, i) => base.subarray(0, i)), ...mutations(base, 1500, 7)];
    for (const bytes of cases) {
      const { facts } = await inspectBytes(bytes, "m.onnx", { inspectors: onnxInspectors });
      expect(facts.filter((f) => f.kind === "scan.inspector-failed")).toEqual([]);
    }
  });
});
