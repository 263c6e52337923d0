import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/types/finding.js";
import type { ScanReport } from "../../src/types/report.js";
import { osSystemPickle, pickle } from "../builders/pickle-builder.js";
import { buildSafetensors, safetensorsFromHeader } from "../builders/safetensors.js";
import { buildZip } from "../builders/zip-builder.js";
import { FIXTURES } from "../cli/cli-harness.js";
import { scanFiles, type FileMap } from "../helpers/scan-files.js";

/**
 * One end-to-end regression per container / parser-differential bypass of THREATS.md B.1 and per
 * multi-step chain of B.3, through the real pipeline. Where a committed fixture already is the
 * regression (fixtures/pickle/advisories/expected.json, fixtures/keras, fixtures/onnx, fixtures/gguf,
 * checked by test/checks/pickle/advisories.test.ts and test/corpus/fixture-corpus.test.ts), the table
 * below says so; the callables of B.2 are in test/checks/pickle/b2-callables.test.ts.
 *
 *   B01 CVE-2025-1889   here              B13 tar checkpoint     here
 *   B02 CVE-2025-1944   here              B14 compressed joblib  here
 *   B03 CVE-2025-1945   here              B15 extension skips    here
 *   B04 CVE-2025-10156  here              B16 nested zip / .pt2  here
 *   B05 CVE-2025-10155  fixture + here    B17 expansion pickles  here
 *   B06 GHSA-97f8       fixture + here    B18 safetensors quirks here
 *   B07 nullifAI        fixture + here    B22 pickle-in-pickle   fixtures B22-*, CVE-2024-34997
 *   B08 GHSA-9gvj       fixture           B24 Keras CVEs         fixtures/keras
 *   B09 picklescan memo fixtures          B27 GGUF SSTI          fixtures/gguf/ssti-template.gguf
 *   B29 ONNX traversal  fixtures/onnx     B25 skops, B28 remote code: not serialization formats read here
 */

const ERROR = new Set(["critical", "high"]);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
/** Protocol 0: no PROTO magic, so a scanner that sniffs `\x80` never sees it (B01 residual). */
const P0_EVIL = latin1("cos\nsystem\n(S'echo p0'\ntR.");
/** Protocol 1: also without `\x80`. */
const P1_EVIL = pickle().global("os", "system").op("MARK").op("BINUNICODE", "echo p1").op("TUPLE").op("REDUCE").stop().bytes();
const EVIL = osSystemPickle("echo pwned");
const BENIGN = pickle().proto(2).op("EMPTY_DICT").stop().bytes();

const callsOsSystem = (r: ScanReport): Finding[] => r.findings.filter((f) => f.ruleName === "pickle-dangerous-call" && f.message.includes("os.system"));
const errorsOf = (r: ScanReport): Finding[] => r.findings.filter((f) => ERROR.has(f.severity));

async function caught(files: FileMap): Promise<ScanReport> {
  const r = await scanFiles(files);
  expect(callsOsSystem(r).length, r.findings.map((f) => `${f.severity} ${f.ruleName}: ${f.message}`).join("\n")).toBeGreaterThan(0);
  expect(r.verdict.passed).toBe(false);
  return r;
}

/** A torch.save zip: `<prefix>/data.pkl`, `version`, one storage. */
function torchZip(dataPkl: Uint8Array, extra: Parameters<typeof buildZip>[0]["members"] = []): Uint8Array {
  return buildZip({
    members: [{ name: "archive/data.pkl", data: dataPkl }, { name: "archive/version", data: "3\n" }, { name: "archive/data/0", data: new Uint8Array(64).fill(0x3f) }, ...extra],
  });
}

describe("THREATS.md B.1 container and parser-differential bypasses", () => {
  it("B01 (CVE-2025-1889): a protocol 0 pickle under a JSON name inside a torch zip", async () => {
    await caught({ "pytorch_model.bin": torchZip(BENIGN, [{ name: "archive/config.json", data: P0_EVIL }]) });
  });

  it("B01 residual: a protocol 1 pickle under a .txt name inside a torch zip", async () => {
    await caught({ "pytorch_model.bin": torchZip(BENIGN, [{ name: "archive/data.txt", data: P1_EVIL }]) });
  });

  it("B02 (CVE-2025-1944): a local-header name that differs from the central directory", async () => {
    const r = await caught({ "model.pt": buildZip({ members: [{ name: "archive/data.pkl", localName: "archive/datap.kl", data: EVIL }, { name: "archive/version", data: "3\n" }] }) });
    expect(r.findings.some((f) => f.ruleName === "archive-name-mismatch" && ERROR.has(f.severity))).toBe(true);
  });

  it("B03 (CVE-2025-1945): general-purpose flag bits torch.load ignores", async () => {
    await caught({ "model.pt": buildZip({ members: [{ name: "archive/data.pkl", data: EVIL, flags: 0x0006 | 0x0010 | 0x0800 }, { name: "archive/version", data: "3\n" }] }) });
  });

  it("B03: a member flagged as encrypted in a file named like weights fails the gate (high) and leaves the scan incomplete", async () => {
    const r = await scanFiles({ "model.pt": buildZip({ members: [{ name: "archive/data.pkl", data: EVIL, flags: 0x0001 }, { name: "archive/version", data: "3\n" }] }) });
    expect(r.findings.some((f) => f.ruleName === "archive-unscannable-weights" && f.severity === "high")).toBe(true);
    expect(r.verdict.passed).toBe(false);
    expect(r.verdict.incomplete).toBe(true);
  });

  it("B04 (CVE-2025-10156): a bad CRC-32 on the pickle member", async () => {
    await caught({ "model.pt": buildZip({ members: [{ name: "archive/data.pkl", data: EVIL, crc: 0xdeadbeef }, { name: "archive/version", data: "3\n" }] }) });
  });

  it("B05 (CVE-2025-10155): a plain pickle under a PyTorch extension", async () => {
    await caught({ "pytorch_model.bin": EVIL });
    await caught({ "model.pt": P0_EVIL });
  });

  it("B06 (GHSA-97f8-7cmv-76j2): a genuine legacy magic number with the payload in a later pickle", async () => {
    const magic = pickle().proto(2).op("LONG1", 0x1950a86a20f9469cfc6cn).stop().bytes();
    const version = pickle().proto(2).int(1001).stop().bytes();
    const sysInfo = pickle().proto(2).op("EMPTY_DICT").stop().bytes();
    await caught({ "pytorch_model.bin": Uint8Array.from([...magic, ...version, ...sysInfo, ...EVIL]) });
  });

  it("B07 (nullifAI): a 7z 'checkpoint' fails the gate (high) and leaves the scan incomplete, never a pass", async () => {
    const r = await scanFiles({ "pytorch_model.bin": Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04, ...new Uint8Array(64).fill(1)]) });
    expect(r.findings.some((f) => f.ruleName === "archive-unscannable-weights" && f.severity === "high")).toBe(true);
    expect(r.verdict.passed).toBe(false);
    expect(r.verdict.incomplete).toBe(true);
  });

  it("B07 (nullifAI): a pickle broken right after its payload still reports the call", async () => {
    const r = await caught({ "model.pkl": Uint8Array.from([...EVIL.subarray(0, EVIL.length - 1), 0xff, 0xfe]) });
    expect(r.findings.some((f) => f.ruleName === "pickle-malformed-after-call")).toBe(true);
  });

  it("B13: a torch 0.1 tar checkpoint whose 'pickle' member is hostile", async () => {
    const tar = readFileSync(join(FIXTURES, "torch/legacy-tar.pt"));
    // Same layout as the benign fixture, with the payload appended as another pickle member.
    const header = new Uint8Array(512);
    const put = (at: number, s: string): void => header.set(latin1(s), at);
    put(0, "pickle");
    put(100, "0000644\0");
    put(124, EVIL.length.toString(8).padStart(11, "0") + "\0");
    put(156, "0");
    put(257, "ustar\0");
    put(263, "00");
    put(148, "        ");
    put(148, header.reduce((a, b) => a + b, 0).toString(8).padStart(6, "0") + "\0 ");
    const body = new Uint8Array(Math.ceil(EVIL.length / 512) * 512);
    body.set(EVIL);
    let end = tar.length;
    while (end >= 512 && tar.subarray(end - 512, end).every((b) => b === 0)) end -= 512;
    await caught({ "model.pt": Uint8Array.from([...tar.subarray(0, end), ...header, ...body, ...new Uint8Array(1024)]) });
  });

  it("B14: zlib- and gzip-compressed joblib dumps are unwrapped and walked", async () => {
    await caught({ "model.joblib": deflateSync(EVIL) });
    await caught({ "model.joblib": gzipSync(EVIL) });
  });

  it("B15: pickles saved under names scanners skip are walked by content", async () => {
    for (const name of [".metadata", "__0_0.distcp", "flax_model.msgpack", "weights.npy", "model.safetensors", "tokenizer.model", "data"]) {
      const r = await caught({ [name]: EVIL });
      expect(r.findings.some((f) => f.artifact?.path === name), name).toBe(true);
    }
  });

  it("B15: a .safetensors that is really a pickle is a finding of its own", async () => {
    const r = await scanFiles({ "model.safetensors": BENIGN });
    expect(r.findings.find((f) => f.ruleName === "format-disguised-pickle")?.message).toBe("model.safetensors: named .safetensors but its bytes are pickle: loading it can run code");
  });

  it("B16: a torch zip nested inside a .pt2 archive", async () => {
    const r = await caught({ "model.pt2": buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/data/weights.pt", data: torchZip(EVIL) }] }) });
    expect(r.findings.some((f) => f.ruleName === "archive-nested")).toBe(true);
  });

  it("B17: a payload after a billion-laughs memo structure and 200,000 memo reads is found", async () => {
    // Level k is a list of ten references to level k-1: 10^60 elements to anything that expands it.
    const b = pickle().proto(4).op("EMPTY_LIST").op("MEMOIZE");
    for (let level = 1; level <= 60; level++) {
      b.op("MARK");
      for (let i = 0; i < 10; i++) b.op("BINGET", level - 1);
      b.op("LIST").op("MEMOIZE");
    }
    for (let i = 0; i < 200_000; i++) b.op("BINGET", 60).op("POP");
    b.op("POP").call("os", "system", ["echo pwned"]).op("STOP");
    await caught({ "model.pkl": b.bytes() });
  });

  it("B18: safetensors quirks are reported", async () => {
    const cases: [string, Uint8Array, string][] = [
      ["header length past 100 MB", safetensorsFromHeader("{}", new Uint8Array(8), 100_000_001n), "safetensors-invalid-header"],
      ["trailing bytes after the last tensor", Uint8Array.from([...buildSafetensors({ w: { dtype: "F32", shape: [2] } }), ...EVIL]), "safetensors-invalid-header"],
      ["non-string metadata", safetensorsFromHeader('{"__metadata__":{"a":1},"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', new Uint8Array(1)), "safetensors-invalid-header"],
      ["zero-size tensors sharing an offset", safetensorsFromHeader('{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"c":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', new Uint8Array(1)), "safetensors-ambiguous-header"],
    ];
    for (const [what, bytes, rule] of cases) {
      const r = await scanFiles({ "model.safetensors": bytes });
      expect(r.findings.map((f) => f.ruleName), what).toContain(rule);
    }
  });
});

/** Pickles CPython loads but a head-only or stricter-than-CPython sniffer would call text or unknown bytes. */
describe("sniffer evasion: every file pickle.load accepts is walked", () => {
  const payload = latin1("0cos\nsystem\n(S'echo x'\ntR.");
  const withPrefix = (prefix: string | Uint8Array): Uint8Array => Uint8Array.from([...(typeof prefix === "string" ? latin1(prefix) : prefix), ...payload]);
  const binunicode = (n: number): Uint8Array => {
    const b = new Uint8Array(5 + n).fill(0x41);
    b[0] = 0x58;
    new DataView(b.buffer).setUint32(1, n, true);
    return b;
  };

  it("INT, LONG, GET and PUT arguments written the ways CPython's int() reads them", async () => {
    // All checked with /usr/bin/python3 pickle.loads: " 5" (strtol), 0x/0o/0b prefixes, underscores, "+", 0-prefixed octal.
    for (const prefix of ["I 5\n", "I0x10\n", "I1_000\n", "I010\n", "I+7\n", "I 0x1_0 \n", "L0x10L\n", "L 12\n", "(lp 0\n0g 0\n", "(lp1_0\n0g+10\n"]) {
      await caught({ "model.pkl": withPrefix(prefix) });
    }
  });

  it("a first BINUNICODE string longer than the sniff window", async () => {
    await caught({ "model.bin": withPrefix(binunicode(5000)) });
    await caught({ "model.bin": withPrefix(binunicode(200_000)) });
  });

  it("a first STRING line longer than the sniff window", async () => {
    await caught({ "model.pkl": withPrefix(`S'${"B".repeat(5000)}'\n`) });
  });

  it("a protocol 0 payload followed by garbage instead of STOP (nullifAI without the PROTO opcode)", async () => {
    const r = await caught({ "model.bin": latin1("cos\nsystem\n(S'echo x'\ntR\xff\xfe\x00garbage") });
    expect(r.findings.some((f) => f.ruleName === "pickle-malformed-after-call")).toBe(true);
  });

  it("a zip member under a JSON name opening with a long string (CVE-2025-1889 with a head-only sniffer)", async () => {
    await caught({ "pytorch_model.bin": torchZip(BENIGN, [{ name: "archive/config.json", data: withPrefix(binunicode(3000)) }]) });
  });

  it("text that opens with a long line, and bytes that open like a long string, stay what they are", async () => {
    const r = await scanFiles({
      "notes.txt": `V${"x".repeat(6000)}\nthis is prose, not opcodes\n`,
      "blob.bin": Uint8Array.from([...binunicode(100).subarray(0, 5), ...new Uint8Array(6000).fill(0xf7)]),
    });
    expect(r.findings.filter((f) => /-(PKL|GEN)-/.test(f.ruleId))).toEqual([]);
    expect(r.files.find((f) => f.path === "notes.txt")?.format).toBe("text");
  });
});

describe("THREATS.md B.3 chains in formats modelgate reads", () => {
  it("B22: the payload handed to pickle.loads is scanned as a pickle of its own", async () => {
    const outer = pickle().proto(2).global("pickle", "loads").op("SHORT_BINBYTES", EVIL).op("TUPLE1").op("REDUCE").stop().bytes();
    const r = await caught({ "model.pkl": outer });
    expect(r.findings.some((f) => f.artifact?.parent !== undefined && f.ruleName === "pickle-dangerous-call")).toBe(true);
  });

  it("B24, B27, B29: the committed Keras, GGUF and ONNX attack fixtures fail the gate", async () => {
    const files: FileMap = {};
    for (const f of ["keras/lambda-cve-2024-3660.keras", "keras/module-cve-2025-1550.keras", "keras/safe-mode-bypass-cve-2025-9906.keras", "keras/lambda-cve-2024-3660.h5", "gguf/ssti-template.gguf", "onnx/traversal.onnx"]) {
      files[f] = readFileSync(join(FIXTURES, f));
    }
    const r = await scanFiles(files);
    for (const f of Object.keys(files)) expect(errorsOf(r).some((x) => x.artifact?.path === f || x.artifact?.parent?.path === f), f).toBe(true);
  });
});
