import { closeSync, openSync, readSync } from "node:fs";
import type { ByteSource } from "../types/artifact.js";

/**
 * Local files up to this size are read whole, once: a folder of many small files (configs,
 * tokenizers, small pickles) then costs one open and one read per file instead of a file
 * handle per reader (digest, sniff, inspectors) and an event-loop round trip per read.
 */
export const SMALL_FILE_BYTES = 256 * 1024;

/**
 * A small local file, read synchronously on the first read and served from memory afterwards
 * (the digest and every inspector see the same bytes). At most `size` bytes are read: the size
 * the listing saw is what is scanned, as with FileByteSource. A failed read rejects that read
 * and is tried again on the next one, like FileByteSource's open.
 */
export class SmallFileByteSource implements ByteSource {
  private bytes: Uint8Array | undefined;

  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    if (size > SMALL_FILE_BYTES) throw new RangeError(`${path}: ${size} bytes is too large to hold whole (${SMALL_FILE_BYTES} at most)`);
  }

  get bytesRead(): number {
    return this.bytes?.byteLength ?? 0;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = this.load();
    if (offset < 0 || offset >= bytes.byteLength || length <= 0) return new Uint8Array(0);
    return bytes.subarray(offset, Math.min(bytes.byteLength, offset + length));
  }

  /** Drops the bytes; a later read loads them again. */
  async close(): Promise<void> {
    this.bytes = undefined;
  }

  private load(): Uint8Array {
    if (this.bytes) return this.bytes;
    const buf = Buffer.allocUnsafe(this.size);
    const fd = openSync(this.path, "r");
    let got = 0;
    try {
      while (got < this.size) {
        const n = readSync(fd, buf, got, this.size - got, got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    this.bytes = new Uint8Array(buf.buffer, buf.byteOffset, got);
    return this.bytes;
  }
}
