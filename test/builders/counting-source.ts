import { MemoryByteSource } from "../../src/io/byte-source.js";
import type { ByteSource } from "../../src/types/artifact.js";

/**
 * Wraps a source and records what readers ask of it: read calls (each one an HTTP range request
 * on a remote source), bytes returned, and the largest single read. Used to prove that inspectors
 * read headers and skip payloads.
 */
export class CountingSource implements ByteSource {
  reads = 0;
  bytes = 0;
  maxRead = 0;
  private readonly inner: ByteSource;

  constructor(inner: ByteSource | Uint8Array) {
    this.inner = inner instanceof Uint8Array ? new MemoryByteSource(inner) : inner;
  }

  get size(): number {
    return this.inner.size;
  }

  get bytesRead(): number {
    return this.bytes;
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const b = await this.inner.read(offset, length, signal);
    this.reads++;
    this.bytes += b.byteLength;
    this.maxRead = Math.max(this.maxRead, b.byteLength);
    return b;
  }
}
