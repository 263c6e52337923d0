import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRootAttributes } from "../../src/io/hdf5.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { inspectors as kerasInspectors } from "../../src/inspectors/keras/index.js";
import { marshalStrings } from "../../src/inspectors/keras/marshal-excerpt.js";
import { buildKerasMetadata } from "../builders/keras-metadata.js";
import { factsOf, inspectBytes, mutations } from "../builders/run-inspector.js";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url));

describe("HDF5 root attributes", () => {
  it("reads the string attributes h5py writes (variable-length, global heap) with their file regions", async () => {
    const bytes = fixture("clean-sequential.h5");
    const r = await readRootAttributes(new MemoryByteSource(bytes), () => true);
    expect(r.attributes.map((a) => [a.name, a.value?.slice(0, 14)])).toEqual([
      ["backend", "tensorflow"],
      ["keras_version", "2.15.0"],
      ["model_config", '{"class_name":'],
    ]);
    const mc = r.attributes[2];
    expect(new TextDecoder().decode(bytes.subarray(mc?.region?.byteOffset, (mc?.region?.byteOffset ?? 0) + 14))).toBe('{"class_name":');
  });

  it("reads v2 object headers and v3 superblocks (libver latest)", async () => {
    const r = await readRootAttributes(new MemoryByteSource(fixture("lambda-libver-latest.h5")), (n) => n === "model_config");
    expect(r.superblockVersion).toBe(3);
    expect(r.attributes.find((a) => a.name === "model_config")?.value).toMatch(/^\{"class_name": "Sequential"/);
  });

  it("reads attributes kept in dense storage (fractal heap and name index)", async () => {
    const r = await readRootAttributes(new MemoryByteSource(fixture("dense-attributes.h5")), () => true);
    expect(r.denseAttributes).toBe(false);
    expect(r.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(["backend", "keras_version", "model_config", "extra_0", "extra_9"]));
    expect(r.attributes.find((a) => a.name === "model_config")?.value).toMatch(/"class_name": "Lambda"/);
  });

  it("notices a dense-storage layout it does not read instead of pretending there are no attributes", async () => {
    const bytes = new Uint8Array(fixture("dense-attributes.h5"));
    const heap = Buffer.from(bytes).indexOf("FRHP");
    // "Current # of rows in root indirect block" (8-byte offsets and lengths): non-zero = an indirect root block.
    new DataView(bytes.buffer).setUint16(heap + 140, 1, true);
    const r = await readRootAttributes(new MemoryByteSource(bytes), () => true);
    expect(r.denseAttributes).toBe(true);
  });

  it("turns truncated and mutated dense attribute storage into parse facts, never an escaped exception", async () => {
    const full = fixture("dense-attributes.h5");
    const cases = [...Array.from({ length: 58 }, (_, i) => full.subarray(0, i * 128)), ...mutations(full, 1500, 9)];
    for (const bytes of cases) {
      const { facts } = await inspectBytes(bytes, "model.h5", { inspectors: kerasInspectors });
      expect(facts.filter((f) => f.kind === "scan.inspector-failed")).toEqual([]);
    }
  });

  it("turns truncated and mutated HDF5 headers into parse facts, never an escaped exception", async () => {
    const base = fixture("lambda-cve-2024-3660.h5").subarray(0, 4096);
    const full = fixture("lambda-cve-2024-3660.h5");
    const cases = [...Array.from({ length: 64 }, (_, i) => full.subarray(0, i * 128)), ...mutations(full, 1500, 5, base.length)];
    for (const bytes of cases) {
      const { facts } = await inspectBytes(bytes, "model.h5", { inspectors: kerasInspectors });
      expect(facts.filter((f) => f.kind === "scan.inspector-failed")).toEqual([]);
    }
  });
});

describe("Keras inspectors", () => {
  it("reads the Keras 2 model config of a legacy .h5 with version and backend", async () => {
    const { facts } = await inspectBytes(fixture("clean-sequential.h5"), "model.h5");
    expect(factsOf(facts, "keras.model")[0]?.data).toEqual({ source: "keras-h5", className: "Sequential", kerasVersion: "2.15.0", backend: "tensorflow", layerCount: 2 });
  });

  it("says nothing about an HDF5 weights file without a model config", async () => {
    const { facts } = await inspectBytes(fixture("weights-only.h5"), "weights.h5");
    expect(facts.filter((f) => f.kind.startsWith("keras."))).toEqual([]);
  });

  it("extracts a Keras 2 Lambda's marshalled bytecode as a bounded excerpt with its names", async () => {
    const { facts } = await inspectBytes(fixture("lambda-cve-2024-3660.h5"), "model.h5");
    const [l] = factsOf(facts, "keras.lambda");
    expect(l?.data.layer).toBe("lambda");
    expect(l?.data.code?.strings).toEqual(expect.arrayContaining(["os", "system", "__import__", "echo modelgate-canary"]));
    expect(l?.data.code?.hex.length).toBeLessThanOrEqual(512);
  });

  it("reads config.json of a .keras archive through the zip listing, with the metadata's Keras version", async () => {
    const { facts } = await inspectBytes(fixture("lambda-cve-2024-3660.keras"), "model.keras");
    expect(factsOf(facts, "keras.model")[0]?.data).toMatchObject({ source: "keras-v3", className: "Sequential", kerasVersion: "3.8.0", layerCount: 2 });
    const [l] = factsOf(facts, "keras.lambda");
    expect(l?.artifact).toEqual({ path: "config.json", parent: { path: "model.keras" } });
    expect(l?.data.code?.strings).toContain("system");
  });

  it("lists every module-qualified reference once with its use count", async () => {
    const { facts } = await inspectBytes(fixture("clean.keras"), "model.keras");
    expect(factsOf(facts, "keras.reference").map((f) => [f.data.ref, f.data.count])).toEqual([
      ["keras.Sequential", 1],
      ["keras.layers.InputLayer", 1],
      ["keras.layers.Dense", 1],
      ["keras.initializers.GlorotUniform", 1],
    ]);
  });

  it("reads a config.json member of a zip that was not recognised as .keras", async () => {
    const config = new TextEncoder().encode(JSON.stringify({ module: "keras", class_name: "Sequential", config: { layers: [{ module: "evil", class_name: "X", config: { name: "x" } }] } }));
    const { facts } = await inspectBytes(config, { path: "config.json", parent: { path: "model.zip" } });
    expect(factsOf(facts, "keras.reference").map((f) => f.data.ref)).toEqual(["keras.Sequential", "evil.X"]);
  });

  it("leaves a transformers config.json at the repo root alone", async () => {
    const { facts } = await inspectBytes(new TextEncoder().encode('{"model_type":"llama","architectures":["LlamaForCausalLM"]}'), "config.json");
    expect(facts.filter((f) => f.kind.startsWith("keras."))).toEqual([]);
  });

  it("reads Lambda layers from a TF-Keras keras_metadata.pb", async () => {
    const code = Buffer.from([0xe3, 0x01, 0, 0, 0, 0xda, 0x02, 0x6f, 0x73, 0xda, 0x06, 0x73, 0x79, 0x73, 0x74, 0x65, 0x6d]).toString("base64");
    const lambda = { name: "lambda", class_name: "Lambda", config: { name: "lambda", function: [code, null, null], function_type: "lambda" } };
    const bytes = buildKerasMetadata([
      { path: "root", identifier: "_tf_keras_sequential", metadata: { class_name: "Sequential", config: { name: "s", layers: [lambda] } } },
      { path: "root.layer-0", identifier: "_tf_keras_layer", metadata: lambda },
    ]);
    const { facts } = await inspectBytes(bytes, "keras_metadata.pb");
    expect(factsOf(facts, "keras.lambda").map((f) => [f.data.source, f.data.layer, f.data.code?.strings])).toEqual([["keras-savedmodel", "lambda", ["os", "system"]]]);
  });

  it("finds marshal string objects with and without the FLAG_REF bit", () => {
    expect(marshalStrings(new Uint8Array([0x5a, 2, 0x6f, 0x73, 0xfa, 3, 0x61, 0x62, 0x63, 0x75, 1, 0, 0, 0, 0x7a]))).toEqual(["os", "abc", "z"]);
  });
});
