import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectors } from "../../../src/inspectors/index.js";
import { refToString } from "../../../src/types/artifact.js";
import type { Probe } from "../../../src/types/inspector.js";
import { factsOf, inspectBytes } from "../../builders/run-inspector.js";
import { osSystemPickle, pickle } from "../../builders/pickle-builder.js";
import { findingsOf, scanFiles } from "../../helpers/scan-files.js";

const fixture = (p: string): Uint8Array => readFileSync(join(import.meta.dirname, "../../../fixtures", p));

/** A joblib dump of one uint8 array: the NumpyArrayWrapper pickle, then `array` as raw bytes, then STOP. */
function joblibDump(array: Uint8Array): Uint8Array {
  const head = pickle()
    .proto(4)
    .stackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper")
    .op("EMPTY_TUPLE")
    .op("NEWOBJ")
    .op("EMPTY_DICT")
    .op("MARK")
    .str("shape")
    .int(array.length)
    .op("TUPLE1")
    .str("dtype")
    .stackGlobal("numpy", "dtype")
    .tuple(["u1"])
    .op("REDUCE")
    .str("order")
    .str("C")
    .op("SETITEMS")
    .op("BUILD")
    .bytes();
  return Uint8Array.from([...head, ...array, ...pickle().op("STOP").bytes()]);
}

describe("joblib dumps", () => {
  for (const path of ["pickle/benign/numpy-mixed.joblib", "pickle/benign/sklearn-tree.joblib", "joblib/logreg.joblib"]) {
    it(`walks ${path} once: one inspection, one pickle summary, nothing handed on to walk again`, async () => {
      const { facts } = await inspectBytes(fixture(path), "model.joblib");
      const formats = factsOf(facts, "artifact.format");
      expect(formats.map((f) => f.data.format)).toEqual(["joblib"]);
      expect(factsOf(facts, "pickle.summary").map((f) => refToString(f.artifact!))).toEqual(["model.joblib"]);
      expect(factsOf(facts, "pickle.summary")[0]!.data.pickles).toBe(1);
    });
  }

  it("is accepted by the pickle inspector alone (not also by the numpy one)", () => {
    const probe: Probe = { ref: { path: "m.joblib" }, name: "m.joblib", size: 10, head: new Uint8Array(10), format: "joblib", depth: 0 };
    expect(inspectors.filter((i) => i.accepts(probe)).map((i) => i.name)).toEqual(["pickle"]);
  });

  it("skips the raw bytes of an array instead of reading them as opcodes", async () => {
    const report = await scanFiles({ "model.joblib": joblibDump(new Uint8Array(4096).fill(0x63)) });
    expect(report.findings.filter((f) => f.severity === "critical" || f.severity === "high")).toEqual([]);
  });

  it("still reports a pickle hidden in the array bytes, which pickle.load (not joblib.load) would run", async () => {
    const report = await scanFiles({ "model.joblib": joblibDump(osSystemPickle("echo hidden")) });
    expect(findingsOf(report, "pickle-dangerous-global").some((f) => f.message.includes("os.system"))).toBe(true);
  });
});
