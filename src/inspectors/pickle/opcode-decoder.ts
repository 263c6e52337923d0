import { OPCODES, type ArgKind } from "./opcodes.js";

/**
 * Reads one opcode and its inline argument from a byte view, as both readings of a pickle need it:
 * the linear walk (pickle.py, `pickle.loads`) and CPython's C unpickler reading a file through its
 * FRAME buffer (`c-file-reading.ts`). Decoding allocates nothing and builds no value: a fixed
 * argument comes back as a number, a length-prefixed payload and a text line as a byte range, so
 * the caller decides what to turn into a string (most arguments are never looked at again).
 */

/** The opcode and its argument are in the view (see `length`, `arg`, `start`, `lineEnd`...). */
export const DECODED = 0;
/** A text line (GLOBAL, INT, ...) has no "\n" inside the view yet. */
export const LINE_OPEN = -1;
/** A byte no protocol defines as an opcode. */
export const UNKNOWN_OPCODE = -2;
/** A signed 4-byte length (BINSTRING, LONG4) below zero. */
export const NEGATIVE_LENGTH = -3;
/** An 8-byte length of 2^53 or more: no file or memory holds it. */
export const LENGTH_TOO_LARGE = -4;

/** The shape of an argument, as the decoder switches on it: one small integer per opcode byte. */
const NONE = 1;
const U1 = 2;
const U2 = 3;
const U4 = 4;
const I4 = 5;
const U8 = 6;
const F8 = 7;
const LEN1 = 8;
const LEN4 = 9;
const LEN4S = 10;
const LEN8 = 11;
const LINE = 12;
const LINES2 = 13;

const SHAPE_OF: Record<ArgKind, number> = { none: NONE, u1: U1, u2: U2, u4: U4, i4: I4, u8: U8, f8: F8, len1: LEN1, len4: LEN4, len4s: LEN4S, len8: LEN8, line: LINE, lines2: LINES2 };
/** Bytes of the fixed argument or of the length field, after the opcode byte. */
const WIDTH_OF: Record<ArgKind, number> = { none: 0, u1: 1, u2: 2, u4: 4, i4: 4, u8: 8, f8: 8, len1: 1, len4: 4, len4s: 4, len8: 8, line: 0, lines2: 0 };

/** Shape per opcode byte (0: not an opcode). */
const SHAPE = new Uint8Array(256);
const WIDTH = new Uint8Array(256);
for (const o of OPCODES) {
  SHAPE[o.code] = SHAPE_OF[o.arg];
  WIDTH[o.code] = WIDTH_OF[o.arg];
}

const EMPTY = new Uint8Array(0);
const TWO_32 = 0x100000000;

/** How the bytes after an opcode byte are laid out, for readings that take them in separate reads. */
export type ArgumentLayout =
  /** No argument, or a fixed one of `width` bytes. */
  | { kind: "fixed"; width: number }
  /** A `width`-byte length, then that many bytes. */
  | { kind: "counted"; width: number }
  /** One or two text lines, each ending in "\n". */
  | { kind: "lines"; lines: 1 | 2 };

const LAYOUTS: (ArgumentLayout | undefined)[] = Array.from({ length: 256 }, (_, op) => {
  const shape = SHAPE[op]!;
  if (shape === 0) return undefined;
  if (shape === LINE || shape === LINES2) return { kind: "lines", lines: shape === LINE ? 1 : 2 };
  return { kind: shape >= LEN1 ? "counted" : "fixed", width: WIDTH[op]! };
});

/** The layout of `op`'s argument; undefined for a byte that is not an opcode. */
export function argumentLayout(op: number): ArgumentLayout | undefined {
  return LAYOUTS[op];
}

/**
 * A reusable decoder over one byte view. After `decode` returns DECODED, the fields describe the
 * opcode at the position it was given; they stay valid until the next call.
 */
export class OpcodeDecoder {
  private view: Uint8Array = EMPTY;
  private data: DataView<ArrayBufferLike> = new DataView(EMPTY.buffer);

  /** The opcode byte. */
  op = 0;
  /** Bytes from the opcode byte to the end of its argument (payload or lines included). */
  length = 0;
  /** A fixed argument's value (BINFLOAT: the float), or a length-prefixed payload's byte count. */
  arg = 0;
  /** Where the payload or the first line starts, as an index into the view. */
  start = 0;
  /** Index of the "\n" ending the first line. */
  lineEnd = 0;
  /** Start and "\n" of the second line (GLOBAL, INST). */
  start2 = 0;
  lineEnd2 = 0;

  /** Decodes from `view` from now on (after every refill of a reading's buffer). */
  setView(view: Uint8Array): void {
    this.view = view;
    this.data = new DataView(view.buffer, view.byteOffset, view.byteLength);
  }

  /**
   * Decodes the opcode at `at`, whose view holds bytes up to `end`. Returns DECODED, or how many
   * bytes from `at` the view must hold for the fixed argument or length field (more than it has),
   * or LINE_OPEN, UNKNOWN_OPCODE, NEGATIVE_LENGTH or LENGTH_TOO_LARGE. A decoded payload may run
   * past `end`: compare `length` with what the view holds.
   */
  decode(at: number, end: number): number {
    const v = this.view;
    const op = v[at]!;
    this.op = op;
    const shape = SHAPE[op]!;
    if (shape === NONE) {
      this.length = 1;
      return DECODED;
    }
    if (shape === 0) return UNKNOWN_OPCODE;
    if (shape >= LINE) return this.lines(at, end, shape === LINES2);
    const h = 1 + WIDTH[op]!;
    if (end - at < h) return h;
    const n = this.readArgument(shape, at + 1);
    this.arg = n;
    if (shape < LEN1) {
      this.length = h;
      return DECODED;
    }
    if (shape === LEN4S && n < 0) return NEGATIVE_LENGTH;
    if (shape === LEN8 && n > Number.MAX_SAFE_INTEGER) return LENGTH_TOO_LARGE;
    this.start = at + h;
    this.length = h + n;
    return DECODED;
  }

  /** The value of `op`'s fixed argument or length field whose first byte is at `at` (a reading that takes it apart from the opcode byte). */
  argumentAt(op: number, at: number): number {
    const shape = SHAPE[op]!;
    if (shape === 0 || shape === NONE || shape >= LINE) return 0;
    return this.readArgument(shape, at);
  }

  private readArgument(shape: number, a: number): number {
    const v = this.view;
    switch (shape) {
      case U1:
      case LEN1:
        return v[a]!;
      case U2:
        return v[a]! | (v[a + 1]! << 8);
      case U4:
      case LEN4:
        return this.data.getUint32(a, true);
      case I4:
      case LEN4S:
        return this.data.getInt32(a, true);
      case F8:
        // BINFLOAT is the one big-endian argument.
        return this.data.getFloat64(a, false);
      default:
        // U8 (FRAME), LEN8: two 32-bit halves, exact below 2^53.
        return this.data.getUint32(a + 4, true) * TWO_32 + this.data.getUint32(a, true);
    }
  }

  private lines(at: number, end: number, two: boolean): number {
    const v = this.view;
    const nl1 = v.indexOf(0x0a, at + 1);
    if (nl1 < 0 || nl1 >= end) return LINE_OPEN;
    let nl2 = nl1;
    if (two) {
      nl2 = v.indexOf(0x0a, nl1 + 1);
      if (nl2 < 0 || nl2 >= end) return LINE_OPEN;
    }
    this.start = at + 1;
    this.lineEnd = nl1;
    this.start2 = nl1 + 1;
    this.lineEnd2 = nl2;
    this.length = nl2 + 1 - at;
    return DECODED;
  }
}
