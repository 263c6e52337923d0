import "../../inspectors/numpy/facts.js";
import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";

export const numpyObjectArray = defineCheck({
  name: "numpy-object-array",
  consumes: ["numpy.array"],
  check(f, ctx) {
    if (!f.artifact || !f.data.objectDtype) return;
    ctx.report({ artifact: f.artifact, ...(f.region ? { region: f.region } : {}), data: { path: refToString(f.artifact), descr: f.data.descr } });
  },
});

export const numpyTrailingData = defineCheck({
  name: "numpy-trailing-data",
  consumes: ["numpy.array"],
  check(f, ctx) {
    const expected = f.data.expectedDataBytes;
    if (!f.artifact || expected === undefined || expected === f.data.actualDataBytes) return;
    const region = expected < f.data.actualDataBytes ? { byteOffset: f.data.dataOffset + expected, byteLength: f.data.actualDataBytes - expected } : undefined;
    ctx.report({ artifact: f.artifact, ...(region ? { region } : {}), data: { path: refToString(f.artifact), expected, actual: f.data.actualDataBytes } });
  },
});
