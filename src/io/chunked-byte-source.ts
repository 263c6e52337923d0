import type { ByteSource } from "../types/artifact.js";

/**
 * Bytes in memory as the chunks a decoder produced them in: reads within one chunk are zero-copy,
 * reads across chunks copy only the range asked for. Never concatenated, so decompressed output
 * costs its own size once, not twice.
 */
export class ChunkedByteSource implements ByteSource {
  private readonly starts: number[] = [];

  constructor(
    private readonly chunks: readonly Uint8Array[],
    readonly size: number,
  ) {
    let at = 0;
    for (const c of chunks) {
      this.starts.push(at);
      at += c.byteLength;
    }
  }

  get bytesRead(): number {
    return 0;
  }

  /** Index of the chunk holding byte `offset` (binary search). */
  private chunkAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0 || offset < 0) return new Uint8Array(0);
    let i = this.chunkAt(offset);
    const first = this.chunks[i]!;
    const inFirst = offset - this.starts[i]!;
    if (inFirst + len <= first.byteLength) return first.subarray(inFirst, inFirst + len);
    const out = new Uint8Array(len);
    let o = 0;
    let from = inFirst;
    while (o < len) {
      const c = this.chunks[i++]!;
      const take = Math.min(c.byteLength - from, len - o);
      out.set(c.subarray(from, from + take), o);
      o += take;
      from = 0;
    }
    return out;
  }
}
