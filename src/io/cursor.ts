import { ParseError } from "../errors.js";

/**
 * A bounds-checked little-endian reader over bytes already in memory. Every read past the end throws
 * a ParseError naming the absolute offset (`base` + position), so a truncated or lying length field
 * becomes a finding with a region instead of an out-of-range read.
 */
export class Cursor {
  private readonly view: DataView;
  pos = 0;

  /** `base` is the absolute offset of `bytes[0]` in the artifact, used only in error messages. */
  constructor(
    readonly bytes: Uint8Array,
    readonly base = 0,
    readonly what = "data",
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.byteLength;
  }

  get remaining(): number {
    return this.bytes.byteLength - this.pos;
  }

  get absolute(): number {
    return this.base + this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.bytes.byteLength) {
      throw new ParseError(`${this.what} truncated: needed ${n} bytes at offset ${this.base + this.pos}, ${Math.max(0, this.remaining)} available`, {
        offset: this.base + this.pos,
      });
    }
  }

  seek(pos: number): this {
    if (pos < 0 || pos > this.bytes.byteLength) throw new ParseError(`${this.what}: offset ${this.base + pos} is out of bounds`, { offset: this.base + pos });
    this.pos = pos;
    return this;
  }

  skip(n: number): this {
    this.need(n);
    this.pos += n;
    return this;
  }

  u8(): number {
    this.need(1);
    return this.view.getUint8(this.pos++);
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A u64 as a number; values above 2^53 cannot be real offsets or sizes and are refused. */
  u64(): number {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ParseError(`${this.what}: 64-bit value ${v} at offset ${this.base + this.pos} is implausibly large`, { offset: this.base + this.pos });
    this.pos += 8;
    return Number(v);
  }

  u16be(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, false);
    this.pos += 2;
    return v;
  }

  u32be(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, false);
    this.pos += 4;
    return v;
  }

  /** A view (no copy) of the next `n` bytes. */
  bytesView(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** Reads a fixed-layout value at `at` without moving the cursor. */
  peekU32(at: number): number | undefined {
    return at >= 0 && at + 4 <= this.bytes.byteLength ? this.view.getUint32(at, true) : undefined;
  }
}

/** Little-endian u32 at `at`, or undefined when out of bounds (for signature scans). */
export function u32At(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 4 > bytes.byteLength) return undefined;
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** Little-endian u16 at `at`, or undefined when out of bounds. */
export function u16At(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 2 > bytes.byteLength) return undefined;
  return bytes[at]! | (bytes[at + 1]! << 8);
}
