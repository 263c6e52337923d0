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

ruleTester("format-weights-empty", {
  valid: [
    { name: "a real torch.save checkpoint named pytorch_model.bin", files: { "pytorch_model.bin": fixture("torch/linear-zip.pt") } },
    { name: "an empty file that does not claim weights (.gitattributes)", files: { ".gitattributes": "" } },
    { name: "a file of zeros that does not claim weights", files: { "padding.dat": new Uint8Array(100_000) } },
    { name: "raw weights in a .bin (OpenVINO-style) that start with zeros but hold data", files: { "openvino_model.bin": Uint8Array.from({ length: 20_000 }, (_, i) => (i < 8192 ? 0 : (i * 37) & 0xff)) } },
    { name: "raw weights whose head and middle are zeros but whose tail is not", files: { "model.bin": Uint8Array.from({ length: 20_000 }, (_, i) => (i < 19_000 ? 0 : 1)) } },
  ],
  invalid: [
    { name: "a 0-byte model.safetensors", files: { "model.safetensors": "" }, expect: (f) => expect(f.map((x) => [x.severity, x.message])).toEqual([["medium", "model.safetensors: named like model weights, but it is empty (0 bytes): nothing in it could be vetted"]]) },
    { name: "a file of zeros named model.bin", files: { "model.bin": new Uint8Array(200_000) }, expect: (f) => expect(f[0]!.message).toContain("200000 bytes are all 0x00") },
    { name: "a 0-byte pytorch_model.bin", files: { "pytorch_model.bin": "" } },
    { name: "a file of 0xff bytes named model.gguf", files: { "model.gguf": new Uint8Array(10_000).fill(0xff) } },
    { name: "a file of spaces named model.pt", files: { "model.pt": " ".repeat(9000) } },
  ],
});
