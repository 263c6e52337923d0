import { describe, expect, it } from "vitest";
import { argumentLayout, DECODED, LENGTH_TOO_LARGE, LINE_OPEN, NEGATIVE_LENGTH, OpcodeDecoder, UNKNOWN_OPCODE } from "../../../src/inspectors/pickle/opcode-decoder.js";
import { OP, OPCODES, type OpcodeName } from "../../../src/inspectors/pickle/opcodes.js";
import { pickle } from "../../builders/pickle-builder.js";

function decoderOver(bytes: Uint8Array): OpcodeDecoder {
  const d = new OpcodeDecoder();
  d.setView(bytes);
  return d;
}

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe("opcode decoder", () => {
  it("decodes an opcode without an argument as one byte long", () => {
    const d = decoderOver(u8(OP.NONE));
    expect(d.decode(0, 1)).toBe(DECODED);
    expect([d.op, d.length]).toEqual([OP.NONE, 1]);
  });

  it("reads BININT's argument as a signed little-endian 32-bit integer", () => {
    const d = decoderOver(pickle().op("BININT", -2).bytes());
    expect(d.decode(0, 5)).toBe(DECODED);
    expect([d.arg, d.length]).toEqual([-2, 5]);
  });

  it("reads BININT2 and LONG_BINGET as unsigned little-endian integers", () => {
    const d = decoderOver(pickle().op("BININT2", 0xfffe).op("LONG_BINGET", 0xfffffff0).bytes());
    expect(d.decode(0, 8)).toBe(DECODED);
    expect(d.arg).toBe(0xfffe);
    expect(d.decode(3, 8)).toBe(DECODED);
    expect(d.arg).toBe(0xfffffff0);
  });

  it("reads BINFLOAT's argument big-endian", () => {
    const d = decoderOver(pickle().op("BINFLOAT", 1 / 3).bytes());
    expect(d.decode(0, 9)).toBe(DECODED);
    expect(d.arg).toBe(1 / 3);
  });

  it("reads FRAME's 8-byte length beyond 32 bits", () => {
    const d = decoderOver(pickle().op("FRAME", 2 ** 40 + 7).bytes());
    expect(d.decode(0, 9)).toBe(DECODED);
    expect([d.arg, d.length]).toEqual([2 ** 40 + 7, 9]);
  });

  it("gives a counted payload's count and byte range", () => {
    const d = decoderOver(pickle().op("NONE").op("SHORT_BINUNICODE", "abc").bytes());
    expect(d.decode(1, 6)).toBe(DECODED);
    expect([d.arg, d.start, d.length]).toEqual([3, 3, 5]);
  });

  it("decodes a payload that runs past the view, leaving the caller to read or skip it", () => {
    const bytes = pickle().op("BINBYTES8", new Uint8Array(100)).bytes();
    const d = decoderOver(bytes.subarray(0, 12));
    expect(d.decode(0, 12)).toBe(DECODED);
    expect([d.arg, d.start, d.length]).toEqual([100, 9, 109]);
  });

  it("asks for the bytes of a fixed argument split at the end of the view", () => {
    const d = decoderOver(pickle().op("BININT", 7).bytes());
    expect(d.decode(0, 3)).toBe(5);
  });

  it("asks for the bytes of a length field split at the end of the view", () => {
    const d = decoderOver(pickle().op("BINUNICODE8", "x").bytes());
    expect(d.decode(0, 4)).toBe(9);
  });

  it("reports a negative signed count of BINSTRING and LONG4 instead of a length", () => {
    expect(decoderOver(u8(OP.BINSTRING, 0xff, 0xff, 0xff, 0xff)).decode(0, 5)).toBe(NEGATIVE_LENGTH);
    expect(decoderOver(u8(OP.LONG4, 0, 0, 0, 0x80)).decode(0, 5)).toBe(NEGATIVE_LENGTH);
  });

  it("reads BINUNICODE's 4-byte count as unsigned", () => {
    const d = decoderOver(u8(OP.BINUNICODE, 0xff, 0xff, 0xff, 0xff));
    expect(d.decode(0, 5)).toBe(DECODED);
    expect(d.arg).toBe(0xffffffff);
  });

  it("reports an 8-byte count of 2^53 or more as too large", () => {
    expect(decoderOver(u8(OP.BINBYTES8, 0, 0, 0, 0, 0, 0, 0x20, 0)).decode(0, 9)).toBe(LENGTH_TOO_LARGE);
    expect(decoderOver(u8(OP.BINBYTES8, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f, 0)).decode(0, 9)).toBe(DECODED);
  });

  it("finds both lines of GLOBAL", () => {
    const bytes = pickle().global("os", "system").bytes();
    const d = decoderOver(bytes);
    expect(d.decode(0, bytes.length)).toBe(DECODED);
    const text = (a: number, b: number): string => Buffer.from(bytes.subarray(a, b)).toString("latin1");
    expect([text(d.start, d.lineEnd), text(d.start2, d.lineEnd2), d.length]).toEqual(["os", "system", bytes.length]);
  });

  it("reports a line whose newline lies beyond the end it was given as open", () => {
    const bytes = pickle().op("INT", "12345").bytes();
    expect(decoderOver(bytes).decode(0, bytes.length - 1)).toBe(LINE_OPEN);
    expect(decoderOver(pickle().global("os", "system").bytes().subarray(0, 5)).decode(0, 5)).toBe(LINE_OPEN);
  });

  it("reports a byte that no protocol defines as an unknown opcode", () => {
    expect(decoderOver(u8(0xff)).decode(0, 1)).toBe(UNKNOWN_OPCODE);
  });

  it("reads arguments from a view that starts inside a larger buffer", () => {
    const outer = new Uint8Array([9, 9, 9, ...pickle().op("BININT", 0x01020304).bytes()]);
    const d = decoderOver(outer.subarray(3));
    expect(d.decode(0, 5)).toBe(DECODED);
    expect(d.arg).toBe(0x01020304);
  });

  it("reads a length field that a reading took apart from its opcode byte", () => {
    const d = decoderOver(u8(0xaa, 0x10, 0x01, 0, 0, 0x02, 0, 0, 0));
    expect(d.argumentAt(OP.BINUNICODE, 1)).toBe(0x110);
    expect(d.argumentAt(OP.FRAME, 1)).toBe(2 * 2 ** 32 + 0x110);
  });

  it("decodes every opcode pickletools lists to the length its argument kind gives", () => {
    const width: Record<string, number> = { none: 0, u1: 1, u2: 2, u4: 4, i4: 4, u8: 8, f8: 8 };
    for (const o of OPCODES) {
      const long = o.name === "LONG1" || o.name === "LONG4";
      const arg = o.arg === "lines2" ? (["a", "b"] as const) : o.arg === "line" ? "1" : o.arg.startsWith("len") && !long ? new Uint8Array(3) : 100_000;
      const bytes = pickle().op(o.name as OpcodeName, arg).bytes();
      const d = decoderOver(bytes);
      expect(d.decode(0, bytes.length), o.name).toBe(DECODED);
      expect(d.length, o.name).toBe(bytes.length);
      if (o.arg in width) expect(d.length, o.name).toBe(1 + width[o.arg]!);
    }
  });
});

describe("argument layout", () => {
  it("tells fixed, counted and line arguments apart for readings that take them in pieces", () => {
    expect(argumentLayout(OP.STOP)).toEqual({ kind: "fixed", width: 0 });
    expect(argumentLayout(OP.FRAME)).toEqual({ kind: "fixed", width: 8 });
    expect(argumentLayout(OP.BINBYTES)).toEqual({ kind: "counted", width: 4 });
    expect(argumentLayout(OP.GLOBAL)).toEqual({ kind: "lines", lines: 2 });
    expect(argumentLayout(OP.PUT)).toEqual({ kind: "lines", lines: 1 });
  });

  it("has no layout for a byte that is not an opcode", () => {
    expect(argumentLayout(0xff)).toBeUndefined();
  });
});
