import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/catalog/load-rules.js";
import { ParseError } from "../../src/errors.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { zipInspector } from "../../src/inspectors/archive/zip.js";
import { readNpyHeader } from "../../src/inspectors/numpy/npy-header.js";
import { npyInspector } from "../../src/inspectors/numpy/npy.js";
import { factsOf, inspectBytes } from "../builders/run-inspector.js";
import { runInspector } from "./archive-members.js";

const read = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

function npy(header: string, data = ""): Uint8Array {
  const h = header.padEnd(118, " ") + "\n";
  return Uint8Array.from([0x93, ..."NUMPY".split("").map((c) => c.charCodeAt(0)), 1, 0, h.length & 0xff, h.length >> 8, ...[...h + data].map((c) => c.charCodeAt(0))]);
}

describe(".npy headers", () => {
  it("reads dtype, shape and order of a real float array", async () => {
    const h = await readNpyHeader(new MemoryByteSource(read("fixtures/numpy/float32.npy")));
    expect(h).toMatchObject({ version: "1.0", descr: "<f4", shape: [2, 3], fortranOrder: false, objectDtype: false, itemsize: 4 });
  });

  it("computes the item size of a structured dtype", async () => {
    const h = await readNpyHeader(new MemoryByteSource(read("fixtures/numpy/structured.npy")));
    expect(h.itemsize).toBe(4 + 16);
  });

  it("refuses a header that is not a Python dict literal, without evaluating it", async () => {
    await expect(readNpyHeader(new MemoryByteSource(npy("__import__('os').system('id')")))).rejects.toBeInstanceOf(ParseError);
  });

  it("refuses a header length past the end of the file", async () => {
    const b = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }");
    await expect(readNpyHeader(new MemoryByteSource(b.subarray(0, 40)))).rejects.toBeInstanceOf(ParseError);
  });
});

describe("npy inspector", () => {
  it("hands the data of an object array on as a pickle", async () => {
    const { facts, children } = await runInspector(npyInspector, read("fixtures/numpy/object.npy"), "object.npy");
    expect(factsOf(facts, "numpy.array")[0]!.data.objectDtype).toBe(true);
    expect(children.map((c) => c.declared)).toEqual(["pickle"]);
    const first = await children[0]!.child.source.read(0, 2);
    expect(first[0]).toBe(0x80);
  });

  it("hands nothing on for a numeric array and records its sizes", async () => {
    const { facts, children } = await runInspector(npyInspector, read("fixtures/numpy/float32.npy"), "float32.npy");
    expect(children).toEqual([]);
    expect(factsOf(facts, "numpy.array")[0]!.data).toMatchObject({ expectedDataBytes: 24, actualDataBytes: 24 });
  });
});

describe("bytes after the array", () => {
  it("are handed on to be sniffed and inspected", async () => {
    const { children } = await runInspector(npyInspector, read("fixtures/numpy/trailing.npy"), "trailing.npy");
    expect(children.map((c) => [c.child.ref.path, c.child.source.size])).toEqual([["(bytes after the array)", 22]]);
  });
});

describe(".npz archives", () => {
  it("hands every member on declared as numpy", async () => {
    const { children } = await runInspector(zipInspector, read("fixtures/numpy/object-member.npz"), "object-member.npz");
    expect(children.map((c) => [c.child.ref.path, c.declared])).toEqual([
      ["a.npy", "numpy"],
      ["o.npy", "numpy"],
    ]);
  });

  it("inflates members of a compressed .npz", async () => {
    const { children } = await runInspector(zipInspector, read("fixtures/numpy/compressed.npz"), "compressed.npz");
    const s = children[0]!.child.source;
    expect(Array.from(await s.read(0, 6))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
  });
});

describe("end to end with the pickle inspector", () => {
  it.skipIf(!loadRules().some((r) => r.id.startsWith("MG-PKL-")))("reports the call pickled into an object array", async () => {
    const bytes = npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "cos\nsystem\n(S'echo modelgate-test'\ntR.");
    const { findings } = await inspectBytes(bytes, "weights.npy");
    expect(findings.some((f) => f.ruleId.startsWith("MG-PKL-") && f.severity === "critical")).toBe(true);
    expect(findings.some((f) => f.ruleName === "numpy-object-array")).toBe(true);
  });
});
