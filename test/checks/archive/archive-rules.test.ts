import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { buildZip } from "../../builders/zip-builder.js";

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url));
const PICKLE = "\x80\x02}q\x00.";
const torchZip = fixture("torch/linear-zip.pt");

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
    { name: "an encrypted zip member", files: { "b.zip": buildZip({ members: [{ name: "a.pkl", data: PICKLE, flags: 1 }] }) }, expect: (f) => expect(f[0]!.message).toContain("a.pkl") },
    { name: "a bzip2-compressed zip member", files: { "b.zip": buildZip({ members: [{ name: "a.pkl", data: PICKLE, method: 12 }] }) } },
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
