import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { buildZip } from "../../builders/zip-builder.js";

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url));
const PICKLE = Uint8Array.from([..."\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R."].map((c) => c.charCodeAt(0)));
const SEVEN_Z = new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 9, 9, 9, 9]);

ruleTester("format-disguised-pickle", {
  valid: [
    { name: "a torch.save zip named .bin", files: { "pytorch_model.bin": fixture("torch/linear-zip.pt") } },
    { name: "a pickle named .pkl", files: { "state.pkl": PICKLE } },
    { name: "a pickle under an extension that promises nothing (.metadata, B15 is for the pickle rules)", files: { "ckpt/.metadata": PICKLE } },
  ],
  invalid: [
    { name: "a pickle named .safetensors", files: { "model.safetensors": PICKLE }, expect: (f) => expect(f[0]!.severity).toBe("high") },
    { name: "a torch zip named .gguf", files: { "model.gguf": fixture("torch/linear-zip.pt") } },
    { name: "a protocol 0 pickle named .json", files: { "config.json": "cos\nsystem\n(S'id'\ntR." } },
    {
      name: "a pickle member named config.json inside an archive (CVE-2025-1889)",
      files: { "bundle.zip": buildZip({ members: [{ name: "config.json", data: PICKLE }] }) },
      expect: (f) => expect(f[0]!.message).toContain("bundle.zip!/config.json"),
    },
  ],
});

ruleTester("format-name-mismatch", {
  valid: [
    { name: "a legacy checkpoint named .pt", files: { "model.pt": fixture("torch/linear-legacy.pt") } },
    { name: "a compressed joblib dump named .joblib", files: { "model.joblib": fixture("joblib/logreg.zlib.joblib") } },
    { name: "an unrecognised .onnx (no magic number to be sure)", files: { "model.onnx": new Uint8Array([0xff, 0xfe, 0x00, 0x01]) } },
    { name: "a .bin of raw data (the extension promises nothing)", files: { "weights.bin": new Uint8Array([1, 2, 3, 0, 9]) } },
  ],
  invalid: [
    { name: "a 7z archive named .pt (nullifAI, B07)", files: { "model.pt": SEVEN_Z }, expect: (f) => expect(f[0]!.message).toContain("7z") },
    { name: "a zip named .gguf", files: { "model.gguf": buildZip({ members: [{ name: "x.txt", data: "x" }] }) } },
    { name: "text named .npy", files: { "weights.npy": "just some text\n" } },
  ],
});
