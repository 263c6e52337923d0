import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { LimitExceededError, ParseError } from "../../src/errors.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { openZip } from "../../src/io/zip.js";
import { buildZip } from "../builders/zip-builder.js";
import { CountingSource } from "../builders/counting-source.js";

const src = (b: Uint8Array): MemoryByteSource => new MemoryByteSource(b);
const text = (b: Uint8Array): string => new TextDecoder("latin1").decode(b);
const PICKLE = "\x80\x02}q\x00.";

describe("openZip", () => {
  it("lists a real torch.save checkpoint from its central directory", async () => {
    const zip = await openZip(src(readFileSync("fixtures/torch/linear-zip.pt")));
    expect(zip.entries.map((e) => e.name)).toContain("linear-zip/data.pkl");
    expect(zip.anomalies).toEqual([]);
  });

  it("reads a stored member as a zero-copy window of the archive", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a/data.pkl", data: PICKLE }] })));
    const s = await zip.entrySource(zip.entries[0]!);
    expect(text(await s.read(0, s.size))).toBe(PICKLE);
  });

  it("inflates a deflated member and reads only a prefix for its head", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "x.json", data: "{" + "\"k\":1,".repeat(500) + "}", method: 8 }] })));
    expect(text(await zip.readHead(zip.entries[0]!, 5))).toBe('{"k":');
    const s = await zip.entrySource(zip.entries[0]!);
    expect(s.size).toBe(3002);
  });

  it("trusts the central name and records a differing local name (CVE-2025-1944)", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a/data.pkl", localName: "a/datap.kl", data: PICKLE }] })));
    await zip.entrySource(zip.entries[0]!);
    expect(zip.entries[0]!.name).toBe("a/data.pkl");
    expect(zip.anomalies.map((a) => a.kind)).toEqual(["name-mismatch"]);
  });

  it("records duplicate member names", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE }, { name: "a.pkl", data: "x" }] })));
    expect(zip.anomalies.map((a) => a.kind)).toContain("duplicate-name");
  });

  it("records members that overlap", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a", data: "x".repeat(100) }, { name: "b", data: "y", overlapWith: 0 }] })));
    expect(zip.anomalies.map((a) => a.kind)).toContain("overlapping-entries");
  });

  it("ignores flag bits and bad CRCs the way PyTorch does (CVE-2025-1945, CVE-2025-10156)", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE, flags: 0x0006, crc: 0xdeadbeef }] })));
    const s = await zip.entrySource(zip.entries[0]!);
    expect(text(await s.read(0, s.size))).toBe(PICKLE);
  });

  it("reads members written with data descriptors from the central sizes", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE, dataDescriptor: true, method: 8 }] })));
    const s = await zip.entrySource(zip.entries[0]!);
    expect(text(await s.read(0, s.size))).toBe(PICKLE);
  });

  it("reads zip64 extra fields and the zip64 end record", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE, zip64: true }], zip64End: true })));
    expect(zip.entries[0]!.zip64).toBe(true);
    const s = await zip.entrySource(zip.entries[0]!);
    expect(text(await s.read(0, s.size))).toBe(PICKLE);
  });

  it("shifts offsets past prepended bytes and records them", async () => {
    const zip = await openZip(src(buildZip({ prefix: "#!/bin/sh\nexit 0\n", prefixUnadjusted: true, members: [{ name: "a.pkl", data: PICKLE }] })));
    const s = await zip.entrySource(zip.entries[0]!);
    expect(text(await s.read(0, s.size))).toBe(PICKLE);
    expect(zip.anomalies.map((a) => a.kind)).toContain("prepended-data");
  });

  it("records unlisted data before the first member", async () => {
    const zip = await openZip(src(buildZip({ prefix: PICKLE, members: [{ name: "a.txt", data: "x" }] })));
    expect(zip.anomalies.map((a) => a.kind)).toContain("prepended-data");
  });

  it("records bytes after the end record", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.txt", data: "x" }], trailing: "junk" })));
    expect(zip.anomalies.map((a) => a.kind)).toContain("trailing-data");
  });

  it("reads the well-formed end record and flags a second one hidden in the comment", async () => {
    const decoy = buildZip({ members: [{ name: "decoy.txt", data: "x" }] });
    const fake = new Uint8Array([...decoy.subarray(decoy.byteLength - 22), 0x20, 0x20]);
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE }], comment: fake })));
    expect(zip.entries.map((e) => e.name)).toEqual(["a.pkl"]);
    expect(zip.anomalies.map((a) => a.kind)).toContain("multiple-eocd");
  });

  it("finds a central directory the end record misplaces and records the disagreement (miniz refuses such a file)", async () => {
    const bytes = buildZip({ members: [{ name: "a.pkl", data: PICKLE }] });
    const eocd = bytes.byteLength - 22;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(eocd + 16, bytes.byteLength * 4, true);
    const zip = await openZip(src(bytes));
    expect(zip.entries.map((e) => e.name)).toEqual(["a.pkl"]);
    expect(zip.anomalies.find((a) => a.kind === "directory-offset-mismatch")?.message).toContain(`at offset ${bytes.byteLength * 4}`);
  });

  it("records no directory disagreement on a well-formed archive", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.pkl", data: PICKLE }] })));
    expect(zip.anomalies).toEqual([]);
  });

  it("records a member count that disagrees with the directory", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "a.txt", data: "x" }], declaredEntries: 3 })));
    expect(zip.anomalies.map((a) => a.kind)).toContain("entry-count-mismatch");
  });

  it("refuses to read encrypted members and unknown compression methods", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "e.pkl", data: PICKLE, flags: 1 }, { name: "z.pkl", data: PICKLE, method: 14 }] })));
    expect(zip.anomalies.map((a) => a.kind)).toEqual(expect.arrayContaining(["encrypted-entry", "unsupported-compression"]));
    await expect(zip.entrySource(zip.entries[0]!)).rejects.toBeInstanceOf(ParseError);
    await expect(zip.entrySource(zip.entries[1]!)).rejects.toBeInstanceOf(ParseError);
  });

  it("stops a deflate bomb at the compression-ratio bound", async () => {
    const bomb = new Uint8Array(8 * 1024 * 1024);
    const zip = await openZip(src(buildZip({ members: [{ name: "bomb.pkl", data: bomb, method: 8 }] })));
    await expect(zip.entrySource(zip.entries[0]!)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it("stops inflation at the caller's bound", async () => {
    const zip = await openZip(src(buildZip({ members: [{ name: "c.json", data: "x".repeat(5000), method: 8 }] })));
    await expect(zip.entrySource(zip.entries[0]!, 1000)).rejects.toBeInstanceOf(LimitExceededError);
  });

  it("throws ParseError on bytes that are not a zip", async () => {
    await expect(openZip(src(new TextEncoder().encode("PK\x03\x04 not really a zip at all, no end record")))).rejects.toBeInstanceOf(ParseError);
  });

  it("lists a large checkpoint and probes its pickle with a few small reads", async () => {
    const tensors = Array.from({ length: 20 }, (_, i) => ({ name: `archive/data/${i}`, data: new Uint8Array(256 * 1024) }));
    const bytes = buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE }, ...tensors, { name: "archive/version", data: "3\n" }] });
    const counting = new CountingSource(bytes);
    const zip = await openZip(counting);
    for (const e of zip.entries) await zip.readHead(e, 64);
    expect(counting.reads).toBe(1 + zip.entries.length);
    expect(counting.bytes / bytes.byteLength).toBeLessThan(0.02);
  });

  it("keeps a truncated deflate member's decoded prefix and records the cut", async () => {
    let seed = 7;
    const full = Buffer.from(Array.from({ length: 3000 }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 26))).join(""));
    const cut = new Uint8Array(deflateRawSync(full)).subarray(0, 200);
    const bytes = buildZip({ members: [{ name: "t.txt", data: full, method: 8, compressed: cut }] });
    const zip = await openZip(src(bytes));
    const s = await zip.entrySource(zip.entries[0]!);
    expect(s.size).toBeGreaterThan(0);
    expect(zip.anomalies.map((a) => a.kind)).toContain("truncated-entry");
  });
});
