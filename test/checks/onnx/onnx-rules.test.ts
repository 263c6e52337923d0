import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../fixtures/onnx/${name}`, import.meta.url));

ruleTester("onnx-external-data-escape", {
  valid: [
    { name: "external data stored beside the model", files: { "onnx/model.onnx": fixture("external/model.onnx"), "onnx/weights.bin": fixture("external/weights.bin") } },
    { name: "a model with embedded weights", files: { "model.onnx": fixture("add.onnx") } },
  ],
  invalid: [
    {
      name: "a location climbing out with ../ (CVE-2024-27318 shape)",
      files: { "model.onnx": fixture("traversal.onnx") },
      expect: (f) => expect(f[0]?.message).toBe('model.onnx: tensor "w" reads its data from "../../../etc/passwd", outside the model folder'),
    },
    {
      name: "an absolute location",
      files: { "model.onnx": fixture("absolute.onnx") },
      expect: (f) => expect(f[0]?.region?.byteOffset).toBeGreaterThan(0),
    },
  ],
});

ruleTester("onnx-external-data-missing", {
  valid: [{ name: "the external data file is uploaded", files: { "model.onnx": fixture("external/model.onnx"), "weights.bin": fixture("external/weights.bin") } }],
  invalid: [
    {
      name: "the external data file was never uploaded",
      files: { "model.onnx": fixture("external/model.onnx"), "README.md": "# model\n" },
      expect: (f) => expect(f[0]?.message).toMatch(/"weights\.bin", which is not in the repository/),
    },
  ],
});

ruleTester("onnx-custom-operator", {
  valid: [
    { name: "standard operators only", files: { "model.onnx": fixture("add.onnx") } },
    { name: "a custom domain defined by a model-local function", files: { "model.onnx": fixture("local-function.onnx") } },
  ],
  invalid: [
    {
      name: "a node in an unknown domain",
      files: { "model.onnx": fixture("custom-op.onnx") },
      expect: (f) => expect(f[0]?.message).toBe('model.onnx: operator com.evil.ops::Exfiltrate (1 node(s), first "evil0") needs a custom-op library'),
    },
    { name: "a custom node hidden in an If branch", files: { "model.onnx": fixture("subgraph-custom-op.onnx") } },
  ],
});
