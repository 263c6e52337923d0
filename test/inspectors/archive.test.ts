import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadRules } from "../../src/catalog/load-rules.js";
import { describe, expect, it } from "vitest";
import { compressedInspector, unscannableInspector } from "../../src/inspectors/archive/compressed.js";
import { tarInspector } from "../../src/inspectors/archive/tar.js";
import { zipInspector } from "../../src/inspectors/archive/zip.js";
import { factsOf, inspectBytes } from "../builders/run-inspector.js";
import { buildZip } from "../builders/zip-builder.js";
import { runInspector } from "./archive-members.js";

const read = (p: string): Uint8Array => new Uint8Array(readFileSync(p));
const PICKLE = "\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00}\x94.";

describe("compressed wrappers", () => {
  for (const [file, format] of [
    ["fixtures/archive/state.pkl.gz", "gzip"],
    ["fixtures/archive/state.pkl.bz2", "bzip2"],
    ["fixtures/archive/state.pkl.xz", "xz"],
  ] as const) {
    it(`unwraps a ${format}-compressed pickle and hands it on`, async () => {
      const { facts, children } = await runInspector(compressedInspector, read(file), file.split("/").pop()!);
      expect(factsOf(facts, "archive.decompressed")[0]!.data).toMatchObject({ compression: format, truncated: false });
      expect(children.map((c) => c.child.ref.path)).toEqual(["state.pkl"]);
      expect((await children[0]!.child.source.read(0, 1))[0]).toBe(0x80);
    });
  }

  for (const method of ["zlib", "gzip", "bz2", "xz"]) {
    it(`unwraps a ${method}-compressed joblib dump to its pickle (B14)`, async () => {
      const { facts } = await inspectBytes(read(`fixtures/joblib/logreg.${method}.joblib`), `logreg.${method}.joblib`);
      const inner = factsOf(facts, "artifact.format").filter((f) => f.artifact?.parent);
      expect(inner.map((f) => f.data.format)).toEqual(["joblib"]);
    });
  }

  it("reports lz4 and lzma joblib dumps as unscannable, not clean", async () => {
    for (const method of ["lz4", "lzma"]) {
      const { facts } = await runInspector(unscannableInspector, read(`fixtures/joblib/logreg.${method}.joblib`), "m.joblib");
      expect(factsOf(facts, "archive.unscannable")[0]!.data.reason).toBe(method);
    }
  });

  it("reports a 7z archive as unscannable (nullifAI, B07)", async () => {
    const { facts } = await runInspector(unscannableInspector, new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2, 3]), "model.bin");
    expect(factsOf(facts, "archive.unscannable")[0]!.data.reason).toBe("7z");
  });
});

describe("tar archives", () => {
  it("hands a pickle member on as a window of the archive", async () => {
    const { children, facts } = await runInspector(tarInspector, read("fixtures/archive/pickles.tar"), "pickles.tar");
    expect(children.map((c) => c.child.ref.path)).toEqual(["model/state.pkl"]);
    expect(factsOf(facts, "archive.listing")[0]!.data.members).toBe(1);
  });

  it("reaches a pickle inside a tar.gz through two levels", async () => {
    const { facts } = await inspectBytes(read("fixtures/archive/pickles.tar.gz"), "pickles.tar.gz");
    const formats = factsOf(facts, "artifact.format").map((f) => f.data.format);
    expect(formats).toEqual(["gzip", "tar", "pickle"]);
  });
});

/** A ustar header block (512 bytes) with a valid checksum, for hand-cut archives. */
function tarHeader(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, s: string): void => h.set([...s].map((c) => c.charCodeAt(0)), at);
  put(0, name);
  put(100, "0000644\0");
  put(124, size.toString(8).padStart(11, "0") + "\0");
  put(156, "0");
  put(257, "ustar\0");
  put(263, "00");
  put(148, "        ");
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

describe("broken tar archives", () => {
  const evil = Uint8Array.from([..."\x80\x02cos\nsystem\nq\x00X\x04\x00\x00\x00echoq\x01\x85q\x02Rq\x03."].map((c) => c.charCodeAt(0)));
  const padded = (b: Uint8Array): Uint8Array => Uint8Array.from([...b, ...new Uint8Array((512 - (b.length % 512)) % 512)]);

  it("still inspects the members before a member cut short, and reports the cut", async () => {
    const bytes = Uint8Array.from([...tarHeader("pickle", evil.length), ...padded(evil), ...tarHeader("storages", 4096), ...new Uint8Array(100)]);
    const { facts, findings } = await inspectBytes(bytes, "model.pt");
    expect(findings.some((f) => f.ruleName === "pickle-dangerous-call" && f.message.includes("os.system"))).toBe(true);
    expect(factsOf(facts, "scan.parse-error").map((f) => f.data.message).join()).toMatch(/"storages" .* past the end of the file/);
  });

  it("reports bytes too short for a header after the last member as a truncated archive", async () => {
    const bytes = Uint8Array.from([...tarHeader("model/state.pkl", evil.length), ...padded(evil), ...new Uint8Array(100).fill(0x41)]);
    const { facts } = await inspectBytes(bytes, "pickles.tar");
    expect(factsOf(facts, "scan.parse-error").map((f) => f.data.message).join()).toContain("the archive is truncated");
  });

  it("accepts a complete archive ending in zero blocks", async () => {
    const bytes = Uint8Array.from([...tarHeader("model/state.pkl", evil.length), ...padded(evil), ...new Uint8Array(1024)]);
    const { facts } = await inspectBytes(bytes, "pickles.tar");
    expect(factsOf(facts, "scan.parse-error")).toEqual([]);
  });
});

describe("plain zips", () => {
  it("hands recognisable members on and skips opaque data", async () => {
    const zip = buildZip({ members: [{ name: "a/state.bin", data: PICKLE }, { name: "notes.txt", data: "hello\n" }, { name: "blob", data: new Uint8Array([1, 2, 3, 0, 0, 9]) }] });
    const { children, facts } = await runInspector(zipInspector, zip, "bundle.zip");
    expect(children.map((c) => c.child.ref.path)).toEqual(["a/state.bin", "notes.txt"]);
    expect(factsOf(facts, "archive.listing")[0]!.data).toMatchObject({ members: 3, skipped: 1 });
  });

  it("reports encrypted members and unknown compression as unscannable", async () => {
    const zip = buildZip({ members: [{ name: "e.pkl", data: PICKLE, flags: 1 }, { name: "z.pkl", data: PICKLE, method: 12 }] });
    const { facts, children } = await runInspector(zipInspector, zip, "bundle.zip");
    expect(children).toEqual([]);
    expect(factsOf(facts, "archive.unscannable").map((f) => f.data.reason)).toEqual(["encrypted", "unsupported-compression"]);
  });

  it("records structural anomalies as facts with the member name", async () => {
    const zip = buildZip({ members: [{ name: "a.pkl", localName: "b.pkl", data: PICKLE }, { name: "a.pkl", data: PICKLE }] });
    const { facts } = await runInspector(zipInspector, zip, "bundle.zip");
    expect(factsOf(facts, "archive.anomaly").map((f) => [f.data.kind, f.data.entry])).toEqual(
      expect.arrayContaining([
        ["duplicate-name", "a.pkl"],
        ["name-mismatch", "a.pkl"],
      ]),
    );
  });

  it("reads a real deflated zip made by Python's zipfile", async () => {
    const { children } = await runInspector(zipInspector, read("fixtures/archive/deflated.zip"), "deflated.zip");
    expect(children.map((c) => c.child.ref.path)).toEqual(["state.pkl", "README.txt"]);
  });

  it("stops nesting at MAX_NESTING_DEPTH with a finding instead of recursing forever", async () => {
    let z = buildZip({ members: [{ name: "p.pkl", data: PICKLE }] });
    for (let i = 0; i < 6; i++) z = buildZip({ members: [{ name: `level${i}.zip`, data: z }] });
    const { facts } = await inspectBytes(z, "deep.zip");
    expect(factsOf(facts, "scan.limit-exceeded").map((f) => f.data.limit)).toContain("MAX_NESTING_DEPTH");
  });
});

describe("end to end with the pickle inspector", () => {
  const ready = loadRules().some((r) => r.id.startsWith("MG-PKL-"));
  const malicious = Buffer.from("cos\nsystem\n(S'echo modelgate-test'\ntR.", "latin1");

  it.skipIf(!ready)("reports the call inside a gzip-wrapped pickle named .joblib (B14)", async () => {
    const { findings } = await inspectBytes(new Uint8Array(gzipSync(malicious)), "model.joblib");
    expect(findings.some((f) => f.ruleId.startsWith("MG-PKL-") && f.severity === "critical")).toBe(true);
  });

  it.skipIf(!ready)("reports the call inside a pickle in a tar member", async () => {
    const header = new Uint8Array(512);
    const put = (s: string, at: number): void => header.set(Buffer.from(s, "latin1"), at);
    put("evil.dat", 0);
    put("0000644\0", 100);
    put(malicious.length.toString(8).padStart(11, "0") + "\0", 124);
    put("0", 156);
    put("ustar\u000000", 257);
    put("        ", 148);
    const sum = header.reduce((a, b) => a + b, 0);
    put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    const body = new Uint8Array(512);
    body.set(malicious);
    const tar = new Uint8Array([...header, ...body, ...new Uint8Array(1024)]);
    const { findings } = await inspectBytes(tar, "model.tar");
    expect(findings.some((f) => f.ruleId.startsWith("MG-PKL-") && f.severity === "critical" && f.artifact?.path === "evil.dat")).toBe(true);
  });
});
