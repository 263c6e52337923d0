import { ParseError } from "../errors.js";
import type { ByteSource } from "../types/artifact.js";

const DEFAULT_WINDOW = 64 * 1024;

/**
 * Sequential little-endian reads over a ByteSource through one sliding window, so a header walk
 * costs a few ranged reads instead of one per field. Reads past the end throw ParseError with the
 * offset; nothing larger than what the caller asks for (and bounds) is ever held.
 */
export class WindowReader {
  pos: number;
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly source: ByteSource,
    start = 0,
    private readonly signal?: AbortSignal,
    private readonly window = DEFAULT_WINDOW,
  ) {
    this.pos = start;
  }

  get size(): number {
    return this.source.size;
  }

  get remaining(): number {
    return this.source.size - this.pos;
  }

  private async ensure(n: number): Promise<void> {
    if (this.pos + n > this.source.size) throw new ParseError(`truncated: needs ${n} bytes at offset ${this.pos}, file is ${this.source.size} bytes`, { offset: this.pos });
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(Math.max(n, this.window), this.source.size - this.pos);
    const got = await this.source.read(this.pos, len, this.signal);
    if (got.length < n) throw new ParseError(`short read at offset ${this.pos}`, { offset: this.pos });
    this.buf = got;
    this.bufStart = this.pos;
    this.view = new DataView(got.buffer, got.byteOffset, got.byteLength);
  }

  async u8(): Promise<number> {
    await this.ensure(1);
    const v = this.view.getUint8(this.pos - this.bufStart);
    this.pos += 1;
    return v;
  }

  async u32(): Promise<number> {
    await this.ensure(4);
    const v = this.view.getUint32(this.pos - this.bufStart, true);
    this.pos += 4;
    return v;
  }

  async u64(): Promise<bigint> {
    await this.ensure(8);
    const v = this.view.getBigUint64(this.pos - this.bufStart, true);
    this.pos += 8;
    return v;
  }

  /** `n` bytes; the caller bounds `n` before asking. */
  async bytes(n: number): Promise<Uint8Array> {
    if (n > this.window) {
      if (this.pos + n > this.source.size) throw new ParseError(`truncated: needs ${n} bytes at offset ${this.pos}, file is ${this.source.size} bytes`, { offset: this.pos });
      const got = await this.source.read(this.pos, n, this.signal);
      if (got.length < n) throw new ParseError(`short read at offset ${this.pos}`, { offset: this.pos });
      this.pos += n;
      return got;
    }
    await this.ensure(n);
    const out = this.buf.subarray(this.pos - this.bufStart, this.pos - this.bufStart + n);
    this.pos += n;
    return out;
  }

  /** Moves forward without reading; refuses to move past the end. */
  skip(n: number): void {
    if (n < 0 || this.pos + n > this.source.size) throw new ParseError(`truncated: cannot skip ${n} bytes at offset ${this.pos}, file is ${this.source.size} bytes`, { offset: this.pos });
    this.pos += n;
  }
}
