import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { buildZip } from "../../builders/zip-builder.js";

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url));
const PICKLE = "\x80\x02}q\x00.";
const torchZip = fixture("torch/linear-zip.pt");
const SEVEN_Z = new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 1, 7, 7]);
// RAR 5 signature then header bytes; Zstandard frame magic then a frame header.
const RAR = new Uint8Array([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00, 0x33, 0x92, 0xb5, 0xe5, 0x0a, 0x01, 0x05, 0x06]);
const ZSTD = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x05, 0x29, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f]);

ruleTester("archive-name-mismatch", {
  valid: [{ name: "a real torch.save checkpoint", files: { "pytorch_model.bin": torchZip } }],
  invalid: [
    {
      name: "a local header naming data.pkl datap.kl (CVE-2025-1944)",
      files: { "pytorch_model.bin": buildZip({ members: [{ name: "archive/data.pkl", localName: "archive/datap.kl", data: PICKLE }] }) },
      expect: (f) => expect(f[0]!.message).toContain("archive/datap.kl"),
    },
  ],
});

ruleTester("archive-duplicate-name", {
  valid: [{ name: "distinct member names", files: { "a.zip": buildZip({ members: [{ name: "a.pkl", data: PICKLE }, { name: "b.pkl", data: PICKLE }] }) } }],
  invalid: [{ name: "two members called data.pkl", files: { "a.zip": buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE }, { name: "archive/data.pkl", data: "\x80\x02N." }] }) } }],
});

ruleTester("archive-overlapping-entries", {
  valid: [{ name: "members laid out one after another", files: { "a.zip": buildZip({ members: [{ name: "a.txt", data: "x".repeat(50) }, { name: "b.txt", data: "y" }] }) } }],
  invalid: [{ name: "a central entry pointing into another member", files: { "a.zip": buildZip({ members: [{ name: "a.txt", data: "x".repeat(50) }, { name: "b.txt", data: "y", overlapWith: 0 }] }) } }],
});

ruleTester("archive-structure-anomaly", {
  valid: [
    { name: "a zip written by Python's zipfile", files: { "a.zip": fixture("archive/deflated.zip") } },
    { name: "a zip with an ordinary comment", files: { "a.zip": buildZip({ members: [{ name: "a.txt", data: "x" }], comment: "made by hand" }) } },
  ],
  invalid: [
    { name: "a pickle glued before the archive (polyglot)", files: { "a.zip": buildZip({ prefix: PICKLE, members: [{ name: "a.txt", data: "x" }] }) }, expect: (f) => expect(f[0]!.message).toContain("polyglot") },
    {
      name: "a member only a local-header walker sees, before the listed ones",
      files: { "a.zip": buildZip({ members: [{ name: "hidden.pkl", data: PICKLE, unlisted: true }, { name: "a.txt", data: "x" }] }) },
      expect: (f) => expect(f[0]!.message).toContain("prepended-data"),
    },
    { name: "bytes after the end record", files: { "a.zip": buildZip({ members: [{ name: "a.txt", data: "x" }], trailing: "tail" }) } },
    { name: "a member count that disagrees with the directory", files: { "a.zip": buildZip({ members: [{ name: "a.txt", data: "x" }], declaredEntries: 2 }) } },
    { name: "a truncated gzip stream", files: { "state.pkl.gz": fixture("archive/state.pkl.gz").subarray(0, 40) } },
  ],
});

ruleTester("archive-unscannable", {
  valid: [
    { name: "a gzip-compressed joblib dump (decompressed and scanned)", files: { "m.joblib": fixture("joblib/logreg.gzip.joblib") } },
    { name: "a deflated zip", files: { "b.zip": buildZip({ members: [{ name: "a.pkl", data: PICKLE, method: 8 }] }) } },
  ],
  invalid: [
    { name: "a 7z archive", files: { "model.7z": new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 1]) } },
    { name: "an lz4-compressed joblib dump", files: { "m.joblib": fixture("joblib/logreg.lz4.joblib") } },
    { name: "an lzma-compressed joblib dump", files: { "m.joblib": fixture("joblib/logreg.lzma.joblib") } },
    { name: "an encrypted zip member", files: { "b.zip": buildZip({ members: [{ name: "notes.txt", data: PICKLE, flags: 1 }] }) }, expect: (f) => expect(f[0]!.message).toContain("notes.txt") },
    { name: "a bzip2-compressed zip member", files: { "b.zip": buildZip({ members: [{ name: "notes.txt", data: PICKLE, method: 12 }] }) } },
    { name: "a RAR archive under a name that claims nothing", files: { "data.rar": RAR }, expect: (f) => expect(f[0]!.severity).toBe("medium") },
    { name: "a Zstandard stream under a name that claims nothing", files: { "data.zst": ZSTD } },
  ],
});

ruleTester("archive-unscannable-weights", {
  valid: [
    { name: "a real torch.save checkpoint", files: { "pytorch_model.bin": torchZip } },
    { name: "a 7z archive named .7z (medium: archive-unscannable)", files: { "model.7z": SEVEN_Z } },
    { name: "an lz4-compressed joblib dump named .joblib (joblib writes lz4 itself; still unscannable, medium)", files: { "m.joblib": fixture("joblib/logreg.lz4.joblib") } },
    { name: "an encrypted member with an ordinary name in a plain zip", files: { "b.zip": buildZip({ members: [{ name: "notes.txt", data: "x", flags: 1 }] }) } },
  ],
  invalid: [
    { name: "a 7z archive named pytorch_model.bin (nullifAI, B07)", files: { "pytorch_model.bin": SEVEN_Z }, expect: (f) => expect(f.map((x) => [x.severity, x.message])).toEqual([["high", "pytorch_model.bin: named like model weights, but 7z archives are not opened by modelgate; their members were not checked"]]) },
    { name: "a RAR archive named model.safetensors", files: { "model.safetensors": RAR } },
    { name: "an lz4 frame named model.pt", files: { "model.pt": fixture("joblib/logreg.lz4.joblib") } },
    { name: "a Zstandard stream named model.ckpt", files: { "model.ckpt": ZSTD } },
    { name: "a legacy LZMA stream named weights.h5", files: { "weights.h5": fixture("joblib/logreg.lzma.joblib") } },
    { name: "a torch-style zip named model.pt whose data.pkl is encrypted", files: { "model.pt": buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE, flags: 1 }] }) }, expect: (f) => expect(f[0]!.message).toContain("archive/data.pkl") },
    { name: "an encrypted member named pytorch_model.bin in a plain zip", files: { "bundle.zip": buildZip({ members: [{ name: "pytorch_model.bin", data: PICKLE, flags: 1 }] }) } },
    { name: "a 7z archive inside a zip, as a member named model.pkl", files: { "bundle.zip": buildZip({ members: [{ name: "model.pkl", data: SEVEN_Z }] }) }, expect: (f) => expect(f[0]!.message).toContain("bundle.zip!/model.pkl") },
  ],
});

ruleTester("archive-nested", {
  valid: [{ name: "a flat npz", files: { "a.npz": fixture("numpy/plain.npz") } }],
  invalid: [
    {
      name: "a torch checkpoint inside a zip (B16)",
      files: { "model.pt2": buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE }, { name: "archive/data/weights.pt", data: torchZip }] }) },
      expect: (f) => expect(f[0]!.message).toContain("archive/data/weights.pt"),
    },
  ],
});
