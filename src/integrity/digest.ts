import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import type { ByteSource } from "../types/artifact.js";
import type { FileDigest } from "../types/source.js";

/** 8 MiB reads: measured ~1.3 GB/s for SHA-256 here against ~0.95 GB/s through a default read stream. */
export const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Unpublished files above this size get SHA-256 only: the Hub stores files over 10 MB through
 * LFS, where the git SHA-1 hashes the pointer, so it could never be compared, and it would halve
 * hashing throughput.
 */
export const GIT_SHA1_MAX_UNPUBLISHED_BYTES = 10 * 1024 * 1024;

/** Incremental SHA-256 plus git blob SHA-1 (`sha1("blob <size>\0" + bytes)`), fed chunk by chunk. */
export class DigestBuilder {
  private readonly sha256: Hash = createHash("sha256");
  private readonly sha1: Hash | undefined;
  private seen = 0;

  constructor(
    private readonly expectedSize: number,
    withGitSha1 = true,
  ) {
    if (withGitSha1) {
      this.sha1 = createHash("sha1");
      this.sha1.update(`blob ${expectedSize}\0`);
    }
  }

  update(chunk: Uint8Array): void {
    this.sha256.update(chunk);
    this.sha1?.update(chunk);
    this.seen += chunk.byteLength;
  }

  get bytesSeen(): number {
    return this.seen;
  }

  /** The git SHA-1 header commits to a size up front; it is only meaningful when all bytes arrived. */
  digest(): FileDigest {
    const sha256 = this.sha256.digest("hex");
    const gitSha1 = this.sha1 && this.seen === this.expectedSize ? this.sha1.digest("hex") : "";
    return { sha256, gitSha1, size: this.seen };
  }
}

/**
 * Hashes a local file with large positional reads into two reused buffers: the next read runs on
 * libuv's thread pool while this thread hashes the previous chunk, so the loop is bound by
 * SHA-256 alone, and memory stays flat whatever the file size.
 */
export async function digestFile(path: string, options: { gitSha1?: boolean; signal?: AbortSignal } = {}): Promise<FileDigest> {
  const fh = await open(path, "r");
  let pending: Promise<{ bytesRead: number }> | undefined;
  try {
    const { size } = await fh.stat();
    const builder = new DigestBuilder(size, options.gitSha1 ?? true);
    const chunk = Math.min(HASH_CHUNK_BYTES, Math.max(size, 1));
    const buffers = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)] as const;
    let pos = 0;
    let turn: 0 | 1 = 0;
    pending = fh.read(buffers[0], 0, chunk, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      options.signal?.throwIfAborted();
      const current = buffers[turn];
      pos += bytesRead;
      turn = turn === 0 ? 1 : 0;
      pending = fh.read(buffers[turn], 0, chunk, pos);
      builder.update(current.subarray(0, bytesRead));
    }
    return builder.digest();
  } finally {
    // Never close the handle under a read still in flight (abort or hash error mid-loop).
    await pending?.catch(() => undefined);
    await fh.close();
  }
}

/** Hashes any ByteSource (remote ranges, archive members) chunk by chunk. */
export async function digestSource(source: ByteSource, options: { gitSha1?: boolean; signal?: AbortSignal } = {}): Promise<FileDigest> {
  const builder = new DigestBuilder(source.size, options.gitSha1 ?? true);
  for (let pos = 0; pos < source.size; ) {
    const chunk = await source.read(pos, Math.min(HASH_CHUNK_BYTES, source.size - pos), options.signal);
    if (chunk.byteLength === 0) break;
    builder.update(chunk);
    pos += chunk.byteLength;
  }
  return builder.digest();
}
