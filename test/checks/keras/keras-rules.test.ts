import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../fixtures/keras/${name}`, import.meta.url));

ruleTester("keras-lambda-layer", {
  valid: [
    { name: "a clean Keras 2 .h5 model", files: { "model.h5": fixture("clean-sequential.h5") } },
    { name: "a clean Keras 3 .keras model", files: { "model.keras": fixture("clean.keras") } },
    { name: "a Lambda that only names a function (left to the reference rules)", files: { "model.keras": fixture("safe-mode-bypass-cve-2025-9906.keras") } },
  ],
  invalid: [
    {
      name: "a Keras 2 .h5 Lambda with marshalled bytecode (CVE-2024-3660, CVE-2025-9905)",
      files: { "model.h5": fixture("lambda-cve-2024-3660.h5") },
      expect: (f) => {
        expect(f[0]?.severity).toBe("critical");
        expect(f[0]?.message).toMatch(/^model\.h5: Lambda layer "lambda" embeds \d+ bytes of Python bytecode that Keras runs on load even with safe_mode=True \(HDF5 loads ignore it, CVE-2025-9905\); names in it: .*system/);
        expect(f[0]?.region?.byteLength).toBeGreaterThan(0);
        expect(f[0]?.evidence[0]?.text).toMatch(/hex\): e3/);
      },
    },
    {
      name: "a Keras 3 __lambda__ in a .keras archive",
      files: { "model.keras": fixture("lambda-cve-2024-3660.keras") },
      expect: (f) => expect(f[0]?.artifact).toEqual({ path: "config.json", parent: { path: "model.keras" } }),
    },
    { name: "a Lambda in an HDF5 file written with libver=latest", files: { "model.h5": fixture("lambda-libver-latest.h5") } },
  ],
});

ruleTester("keras-dangerous-reference", {
  valid: [
    { name: "only Keras layers and initializers", files: { "model.keras": fixture("clean.keras") } },
    { name: "a custom layer from an ordinary package", files: { "model.keras": fixture("custom-object.keras") } },
  ],
  invalid: [
    {
      name: "an activation that is os.system (CVE-2025-1550)",
      files: { "model.keras": fixture("module-cve-2025-1550.keras") },
      expect: (f) => expect(f[0]?.message).toBe('model.keras!/config.json: the config references os.system (layer "dense"): Process execution and file-system access (os.system, os.popen, os.remove). (CVE-2025-1550)'),
    },
    {
      name: "enable_unsafe_deserialization then load_model from a URL (CVE-2025-9906, CVE-2025-8747)",
      files: { "model.keras": fixture("safe-mode-bypass-cve-2025-9906.keras") },
      expect: (f) => expect(f.map((x) => x.message.split(": the config references ")[1]?.split(" ")[0])).toEqual(["keras.config.enable_unsafe_deserialization", "keras.models.load_model"]),
    },
    { name: "a TFSMLayer loading a SavedModel from a path", files: { "model.keras": fixture("tfsmlayer.keras") } },
  ],
});

ruleTester("keras-custom-object", {
  valid: [
    { name: "only Keras classes", files: { "model.keras": fixture("clean.keras") } },
    { name: "a reference already reported as dangerous", files: { "model.keras": fixture("module-cve-2025-1550.keras") } },
  ],
  invalid: [
    {
      name: "a registered custom layer from another package",
      files: { "model.keras": fixture("custom-object.keras") },
      expect: (f) => expect(f[0]?.message).toBe('model.keras!/config.json: loading imports class my_package.layers.Attention2 (layer "attn"), which is not part of Keras'),
    },
  ],
});
