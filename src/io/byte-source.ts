import { open, type FileHandle } from "node:fs/promises";
import type { ByteSource } from "../types/artifact.js";

/** Reads ranges of a local file on demand; the handle opens lazily and is shared by all reads. */
export class FileByteSource implements ByteSource {
  private handle: Promise<FileHandle> | undefined;
  private read_ = 0;

  constructor(
    readonly path: string,
    readonly size: number,
  ) {}

  get bytesRead(): number {
    return this.read_;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0 || offset < 0) return new Uint8Array(0);
    this.handle ??= open(this.path, "r");
    const fh = await this.handle;
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(buf, got, len - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.read_ += got;
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  }

  /**
   * Closes the handle if one was opened. A failed open (file deleted, EACCES) was already reported
   * by the read that triggered it; closing must not throw it again, or the caller's clean-up (a
   * temp file's removal, the scan of every other file) would be skipped.
   */
  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    if (!h) return;
    let fh: FileHandle;
    try {
      fh = await h;
    } catch {
      return;
    }
    await fh.close();
  }
}

/** Bytes already in memory (small archive members, test builders). */
export class MemoryByteSource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.byteLength;
  }

  get bytesRead(): number {
    return 0;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || offset >= this.bytes.byteLength) return new Uint8Array(0);
    return this.bytes.subarray(offset, Math.min(this.bytes.byteLength, offset + length));
  }
}

/** A window [start, start+size) of another source (stored archive members, embedded payloads). */
export class SliceByteSource implements ByteSource {
  constructor(
    private readonly inner: ByteSource,
    private readonly start: number,
    readonly size: number,
  ) {}

  get bytesRead(): number {
    return 0;
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0 || offset < 0) return new Uint8Array(0);
    return this.inner.read(this.start + offset, len, signal);
  }
}

/** Reads a whole source, refusing sources larger than `max` bytes. */
export async function readAll(source: ByteSource, max: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (source.size > max) throw new RangeError(`source of ${source.size} bytes exceeds the ${max}-byte bound`);
  return source.read(0, source.size, signal);
}
