import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sniffArtifact, sniffFormat } from "../../src/inspectors/sniff.js";
import { parsePickleInt } from "../../src/inspectors/pickle/py-int.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import type { Format } from "../../src/types/format.js";
import { buildZip } from "../builders/zip-builder.js";

async function sniffBytes(b: Uint8Array): Promise<Format> {
  return sniffArtifact(new MemoryByteSource(b), b.subarray(0, 4096));
}
const file = (p: string): Promise<Format> => sniffBytes(readFileSync(p));
const enc = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe("sniffArtifact on real files", () => {
  const cases: [string, Format][] = [
    ["fixtures/torch/linear-zip.pt", "pytorch-zip"],
    ["fixtures/torch/linear-script.pt", "pytorch-zip"],
    ["fixtures/torch/linear-legacy.pt", "pytorch-legacy"],
    ["fixtures/torch/legacy-tar.pt", "tar"],
    ["fixtures/numpy/float32.npy", "numpy"],
    ["fixtures/numpy/plain.npz", "numpy-npz"],
    ["fixtures/numpy/compressed.npz", "numpy-npz"],
    ["fixtures/joblib/logreg.joblib", "joblib"],
    ["fixtures/joblib/logreg.zlib.joblib", "zlib"],
    ["fixtures/joblib/logreg.gzip.joblib", "gzip"],
    ["fixtures/joblib/logreg.bz2.joblib", "bzip2"],
    ["fixtures/joblib/logreg.xz.joblib", "xz"],
    ["fixtures/joblib/logreg.lzma.joblib", "lzma"],
    ["fixtures/joblib/logreg.lz4.joblib", "lz4"],
    ["fixtures/archive/pickles.tar", "tar"],
    ["fixtures/archive/deflated.zip", "zip"],
  ];
  for (const [path, format] of cases) {
    it(`classifies ${path} as ${format}`, async () => {
      expect(await file(path)).toBe(format);
    });
  }
});

describe("sniffFormat from bytes alone", () => {
  it("recognises a protocol 0 pickle with no PROTO magic (B01 residual)", () => {
    expect(sniffFormat(enc("cos\nsystem\n(S'echo hi'\ntR."), 27)).toBe("pickle");
  });

  it("recognises a protocol 1 pickle", () => {
    expect(sniffFormat(enc("}q\x00(X\x01\x00\x00\x00aK\x01u."), 14)).toBe("pickle");
  });

  it("does not mistake prose or Python source for a protocol 0 pickle", () => {
    expect(sniffFormat(enc("import torch\nimport os\n"), 23)).toBe("text");
    expect(sniffFormat(enc("Nice model. (c) 2024\n"), 21)).toBe("text");
  });

  it("does not mistake a one-line requirements file for a protocol 1 pickle", () => {
    // "torch>=1." spells TUPLE OBJ LONG_BINPUT(4) POP_MARK STOP.
    expect(sniffFormat(enc("torch>=1.0\n"), 11)).toBe("text");
    expect(sniffFormat(enc("torch==2.0.1\n"), 13)).toBe("text");
  });

  it("still calls a printable protocol 0 pickle that imports a global a pickle", () => {
    const p = enc("cos\nsystem\n(S'id'\ntR.");
    expect(sniffFormat(p, p.length)).toBe("pickle");
  });

  it("reads the legacy magic number written as a protocol 0 long", () => {
    expect(sniffFormat(enc("L119547037146038801333356L\n.\x80\x02M\xe9\x03."), 40)).toBe("pytorch-legacy");
  });

  it("keeps a magic number produced by a call as a plain pickle (GHSA-97f8-7cmv-76j2)", () => {
    expect(sniffFormat(enc("\x80\x02cbuiltins\neval\nX\x16\x00\x00\x000x1950A86A20F9469CFC6C\x85R."), 50)).toBe("pickle");
  });

  it("finds an HDF5 signature after a 512-byte user block", () => {
    const b = new Uint8Array(1024);
    b.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 512);
    expect(sniffFormat(b, 4096)).toBe("hdf5");
  });

  it("tells an ONNX ModelProto from a SavedModel by their first fields", () => {
    const onnx = new Uint8Array([0x08, 0x07, 0x12, 0x07, ...enc("pytorch"), 0x1a, 0x03, ...enc("2.0"), 0x3a, 0x02, 0x0a, 0x00]);
    expect(sniffFormat(onnx, onnx.length)).toBe("onnx");
    const meta = new Uint8Array(40).fill(0x20);
    meta[0] = 0x0a;
    meta[1] = 38;
    const saved = new Uint8Array([0x08, 0x01, 0x12, 40, ...meta]);
    expect(sniffFormat(saved, saved.length)).toBe("tf-savedmodel");
  });

  it("recognises 7z, gzip and xz magic", () => {
    expect(sniffFormat(new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), 100)).toBe("7z");
    expect(sniffFormat(new Uint8Array([0x1f, 0x8b, 8, 0]), 100)).toBe("gzip");
    expect(sniffFormat(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), 100)).toBe("xz");
  });
});

describe("zip kinds from the central directory", () => {
  it("calls a zip with <prefix>/data.pkl a PyTorch checkpoint whatever its name", async () => {
    expect(await sniffBytes(buildZip({ members: [{ name: "weights/data.pkl", data: "\x80\x02N." }] }))).toBe("pytorch-zip");
  });

  it("calls a zip with config.json and metadata.json a Keras archive", async () => {
    expect(await sniffBytes(buildZip({ members: [{ name: "config.json", data: "{}" }, { name: "metadata.json", data: "{}" }] }))).toBe("keras");
  });

  it("calls a zip of .npy members an .npz", async () => {
    expect(await sniffBytes(buildZip({ members: [{ name: "a.npy", data: "\x93NUMPY" }] }))).toBe("numpy-npz");
  });

  it("keeps a zip whose directory cannot be read as a plain zip", async () => {
    expect(await sniffBytes(enc("PK\x03\x04garbage"))).toBe("zip");
  });
});

describe("pickles whose first argument runs past the head", () => {
  const tail = enc("0cos\nsystem\n(S'id'\ntR.");
  const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
  const str = (n: number): Uint8Array => {
    const b = new Uint8Array(5 + n).fill(0x41);
    b[0] = 0x58;
    new DataView(b.buffer).setUint32(1, n, true);
    return b;
  };

  it("reads on past a 5 KB first string to the import after it", async () => {
    expect(await sniffBytes(cat(str(5000), tail))).toBe("pickle");
  });

  it("reads on past a first STRING line longer than the head", async () => {
    expect(await sniffBytes(cat(enc(`S'${"z".repeat(9000)}'\n`), tail))).toBe("pickle");
  });

  it("refuses a long STRING line whose closing quote does not match", async () => {
    expect(await sniffBytes(cat(enc(`S'${"z".repeat(9000)}"\n`), tail))).not.toBe("pickle");
  });

  it("calls still-valid bytes a pickle after the bounded number of reads, so the walker decides", async () => {
    const many = cat(...Array.from({ length: 20 }, () => cat(str(5000), enc("0"))), tail);
    expect(await sniffBytes(many)).toBe("pickle");
  });

  it("keeps a string that runs to the end of the file as unknown bytes", async () => {
    const cut = str(9000).subarray(0, 6000);
    expect(await sniffBytes(cut)).toBe("unknown");
  });
});

describe("pickle integer arguments, as CPython reads them", () => {
  // Each row was checked with /usr/bin/python3: pickle.loads(b"I<text>\n.") and friends.
  const rows: [string, "INT" | "LONG" | "KEY", bigint | undefined][] = [
    [" 5", "INT", 5n], ["0x10", "INT", 16n], ["1_000", "INT", 1000n], ["010", "INT", 8n], ["+7", "INT", 7n], ["0b11", "INT", 3n], [" 0x1_0 ", "INT", 16n],
    ["09", "INT", undefined], ["0x", "INT", undefined], ["1__0", "INT", undefined], ["_1", "INT", undefined], ["1_", "INT", undefined],
    ["0x10L", "LONG", 16n], [" 12", "LONG", 12n], ["010", "LONG", undefined],
    [" 0", "KEY", 0n], ["1_0", "KEY", 10n], ["+10", "KEY", 10n], ["007", "KEY", 7n],
  ];
  for (const [text, op, value] of rows) {
    it(`${op} ${JSON.stringify(text)} is ${value === undefined ? "refused" : String(value)}`, () => {
      expect(parsePickleInt(text, op)).toBe(value);
    });
  }
});
