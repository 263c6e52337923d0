import { describe, expect, it } from "vitest";
import { MemoryByteSource } from "../../../src/io/byte-source.js";
import { cFileReadingDrops, ReadingByteSource } from "../../../src/inspectors/pickle/c-file-reading.js";
import { scanFiles } from "../../helpers/scan-files.js";

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
const cat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const u64 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff, 0, 0, 0, 0];

/**
 * cpython#154848, checked with /usr/bin/python3 3.11 (with builtins.print as `inner`):
 * pickle.load(io.BytesIO(p)) runs `inner`, pickle.loads(p) and pickle.load(open(file)) return None,
 * pickle._Unpickler raises "pickle exhausted before end of frame". FRAME(2) holds BINBYTES and the
 * first byte of its length; the linear reading takes length 0x107 and swallows `inner`, the C
 * unpickler reading a BytesIO drops the frame's last byte and reads length 1 from after the frame.
 */
function straddle(inner: string): Uint8Array {
  const pre = latin1("\x80\x04N(");
  const frame = cat([0x95, ...u64(2)], latin1("B\x07"));
  const payload = new Uint8Array(263).fill(0x4e);
  payload.set(cat([0, 0], latin1(inner), latin1("(")));
  return cat(pre, frame, [1, 0, 0], payload, latin1("1."));
}

const EVIL = straddle("cos\nsystem\n(S'id'\ntR");
const BENIGN = straddle("ccollections\nOrderedDict\n)R");

describe("CPython's C unpickler reading a file through its frame buffer", () => {
  it("skips the rest of a frame that an argument runs past", async () => {
    expect(await cFileReadingDrops(new MemoryByteSource(EVIL))).toEqual([{ offset: 14, length: 1 }]);
  });

  it("skips nothing in a pickle whose opcodes respect their frames", async () => {
    const ok = cat(latin1("\x80\x04"), [0x95, ...u64(3)], latin1("K\x01."));
    expect(await cFileReadingDrops(new MemoryByteSource(ok))).toEqual([]);
  });

  it("presents the bytes of that reading in order, mapping offsets back to the file", async () => {
    const view = new ReadingByteSource(new MemoryByteSource(EVIL), [{ offset: 14, length: 1 }]);
    expect(view.size).toBe(EVIL.length - 1);
    expect(Array.from(await view.read(13, 3))).toEqual([0x42, 0x01, 0x00]);
    expect(view.fileOffset(14)).toBe(15);
    expect(view.fileOffset(13)).toBe(13);
  });
});

describe("pickles whose FRAMEs disagree with their opcodes (issue 8.4)", () => {
  it("reports a call only the C unpickler's file reading meets, at critical, naming that reading", async () => {
    const r = await scanFiles({ "model.pkl": EVIL });
    const call = r.findings.find((f) => f.ruleName === "pickle-dangerous-call");
    expect(call?.severity).toBe("critical");
    expect(call?.message).toContain("os.system");
    expect(call?.message).toContain("C unpickler reads the file through its FRAME buffer");
    expect(r.findings.find((f) => f.ruleName === "pickle-dangerous-global")?.message).toContain("C unpickler");
  });

  it("keeps the frame violation alone at medium when neither reading meets anything dangerous", async () => {
    const r = await scanFiles({ "model.pkl": BENIGN });
    expect(r.findings.find((f) => f.ruleName === "pickle-frame-violation")?.severity).toBe("medium");
    expect(r.findings.filter((f) => f.severity === "critical" || f.severity === "high").map((f) => f.message)).toEqual([]);
  });

  it("reads on past a FRAME longer than the file, as pickle.py does, and reports what follows", async () => {
    // _pickle.c stops at this FRAME; pickle._Unpickler takes the bytes there are and runs os.system.
    const p = cat(latin1("\x80\x04"), [0x95, ...u64(4096)], latin1("cos\nsystem\n(S'id'\ntR."));
    const r = await scanFiles({ "model.pkl": p });
    const call = r.findings.find((f) => f.ruleName === "pickle-dangerous-call");
    expect(call?.severity).toBe("critical");
    expect(call?.message).not.toContain("C unpickler");
    expect(r.findings.some((f) => f.ruleName === "pickle-frame-violation")).toBe(true);
  });
});
