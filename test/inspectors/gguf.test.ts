import { describe, expect, it } from "vitest";
import { buildGguf } from "../builders/gguf.js";
import { factsOf, familyFindings, inspectBytes, ruleFindings } from "../builders/run-inspector.js";
import { scanFiles } from "../helpers/scan-files.js";

const template = "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}";

describe("GGUF inspector", () => {
  it("reads version, counts, architecture and alignment from a valid header", async () => {
    const bytes = buildGguf({ kv: [["general.architecture", { type: "string", value: "llama" }], ["llama.block_count", { type: "u32", value: 2 }]], tensors: [{ name: "w", dims: [8] }] });
    const { facts, findings } = await inspectBytes(bytes, "model.gguf");
    expect(factsOf(facts, "gguf.header")[0]?.data).toMatchObject({ version: 3, tensorCount: 1, kvCount: 2, alignment: 32, architecture: "llama" });
    expect(familyFindings(findings, "GGUF")).toEqual([]);
  });

  it("emits the default and named chat templates as template.found facts with origin gguf", async () => {
    const bytes = buildGguf({
      kv: [
        ["tokenizer.chat_template", { type: "string", value: template }],
        ["tokenizer.chat_template.tool_use", { type: "string", value: "{{ tools }}" }],
        ["tokenizer.chat_templates", { type: "array", elem: "string", value: ["tool_use"] }],
      ],
    });
    const { facts } = await inspectBytes(bytes, "model.gguf");
    expect(factsOf(facts, "template.found").map((f) => f.data)).toEqual([
      { template, origin: "gguf" },
      { template: "{{ tools }}", origin: "gguf", name: "tool_use" },
    ]);
    expect(factsOf(facts, "gguf.header")[0]?.data.chatTemplates).toEqual(["default", "tool_use"]);
  });

  it("gives the template fact the byte region of the template string", async () => {
    const bytes = buildGguf({ kv: [["tokenizer.chat_template", { type: "string", value: template }]] });
    const { facts } = await inspectBytes(bytes, "model.gguf");
    const region = factsOf(facts, "template.found")[0]?.region;
    expect(new TextDecoder().decode(bytes.subarray(region?.byteOffset, (region?.byteOffset ?? 0) + (region?.byteLength ?? 0)))).toBe(template);
  });

  it("still reports a template that comes before garbage", async () => {
    const bytes = buildGguf({ kv: [["tokenizer.chat_template", { type: "string", value: template }], ["x", { type: "u32", value: 1 }]] });
    const end = 24 + 8 + "tokenizer.chat_template".length + 4 + 8 + template.length;
    const cut = bytes.subarray(0, end + 5);
    const { facts } = await inspectBytes(cut, "model.gguf");
    expect(factsOf(facts, "template.found")).toHaveLength(1);
    expect(factsOf(facts, "gguf.problem")[0]?.data.code).toBe("truncated");
  });

  it("reads version 1 files with 32-bit counts and lengths", async () => {
    const bytes = buildGguf({ version: 1, kv: [["general.name", { type: "string", value: "old" }]], tensors: [{ name: "w", dims: [8] }] });
    const { facts, findings } = await inspectBytes(bytes, "old.gguf");
    expect(factsOf(facts, "gguf.header")[0]?.data).toMatchObject({ version: 1, name: "old" });
    expect(familyFindings(findings, "GGUF")).toEqual([]);
  });

  it("hands a GGUF chat template to the template checks (THREATS B27, Llama Drama SSTI)", async () => {
    const ssti = "{{ ''.__class__.__mro__[1].__subclasses__() }}";
    const report = await scanFiles({ "model.gguf": buildGguf({ kv: [["tokenizer.chat_template", { type: "string", value: ssti }]] }) });
    expect(familyFindings(report.findings, "TPL").map((f) => f.artifact?.path)).toContain("model.gguf");
  });

  it("reads a version 2 header", async () => {
    const { facts } = await inspectBytes(buildGguf({ version: 2 }), "v2.gguf");
    expect(factsOf(facts, "gguf.header")[0]?.data.version).toBe(2);
  });
});

describe("GGUF header problems", () => {
  const codes = async (bytes: Uint8Array): Promise<string[]> => factsOf((await inspectBytes(bytes, "m.gguf")).facts, "gguf.problem").map((f) => f.data.code);

  it("flags an unknown version", async () => {
    expect(await codes(buildGguf({ version: 9 }))).toEqual(["bad-version"]);
  });

  it("flags a metadata count past the bound without allocating for it", async () => {
    expect(await codes(buildGguf({ kvCount: 1n << 60n }))).toEqual(["limit"]);
  });

  it("flags a tensor count past the bound", async () => {
    expect(await codes(buildGguf({ tensorCount: 1n << 40n }))).toEqual(["limit"]);
  });

  it("flags a string length far beyond the file", async () => {
    const bytes = buildGguf({ kv: [["general.name", { type: "string", value: "abc" }]] });
    new DataView(bytes.buffer).setBigUint64(24 + 8 + "general.name".length + 4, 1n << 50n, true);
    expect(await codes(bytes)).toEqual(["limit"]);
  });

  it("flags duplicate metadata keys", async () => {
    expect(await codes(buildGguf({ kv: [["a", { type: "u32", value: 1 }], ["a", { type: "u32", value: 2 }]] }))).toEqual(["duplicate-key"]);
  });

  it("flags an alignment that is not a power of two", async () => {
    expect(await codes(buildGguf({ alignment: 24 }))).toContain("bad-alignment");
  });

  it("flags tensor data past the end of the file", async () => {
    expect(await codes(buildGguf({ tensors: [{ name: "w", dims: [1024] }], dataBytes: 16 }))).toEqual(["tensor-out-of-bounds"]);
  });

  it("flags a misaligned tensor offset", async () => {
    expect(await codes(buildGguf({ tensors: [{ name: "w", dims: [8], offset: 4n }], dataBytes: 64 }))).toEqual(["bad-tensor-offset"]);
  });

  it("flags overlapping tensors and duplicate tensor names", async () => {
    const c = await codes(buildGguf({ tensors: [{ name: "w", dims: [16], offset: 0n }, { name: "w", dims: [8], offset: 32n }], dataBytes: 64 }));
    expect(c).toEqual(expect.arrayContaining(["tensor-overlap", "duplicate-tensor"]));
  });

  it("flags more than four dimensions", async () => {
    expect(await codes(buildGguf({ tensors: [{ name: "w", dims: [1, 1, 1, 1, 1] }] }))).toEqual(["malformed"]);
  });
});

describe("gguf-invalid-header", () => {
  it("reports a problem as a finding with its byte region", async () => {
    const { findings } = await inspectBytes(buildGguf({ kv: [["a", { type: "u32", value: 1 }], ["a", { type: "u32", value: 2 }]] }), "m.gguf");
    const [f] = ruleFindings(findings, "gguf-invalid-header");
    expect(f?.message).toBe('m.gguf: invalid GGUF header (duplicate-key): metadata key "a" appears more than once (llama.cpp refuses the file)');
    expect(f?.region?.byteOffset).toBeGreaterThan(24);
  });

  it("stays silent on a valid file", async () => {
    const { findings } = await inspectBytes(buildGguf({ tensors: [{ name: "a", dims: [4, 4] }, { name: "b", dims: [32], type: 8 }] }), "m.gguf");
    expect(ruleFindings(findings, "gguf-invalid-header")).toEqual([]);
  });
});
