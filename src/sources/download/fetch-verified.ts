import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { digestFile, DigestBuilder } from "../../integrity/digest.js";
import { verifyDigest } from "../../integrity/verify.js";
import { MAX_HTTP_RETRIES } from "../../limits.js";
import type { PublishedHashes } from "../../types/artifact.js";
import type { FileDigest } from "../../types/source.js";
import type { HubClient } from "../hub-client.js";
import { RangeNotHonouredError } from "../hub-client.js";
import { blobName, linkSnapshot, type CacheLayout } from "./cache-layout.js";
import { FileFetchError, openRemoteFile, type RemoteFile } from "./remote-file.js";
import { backoffMs, isRetryableError, sleep } from "./retry.js";

export interface FetchJob {
  client: HubClient;
  layout: CacheLayout;
  commit: string;
  path: string;
  published: PublishedHashes;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total: number, done: boolean) => void;
  /** Bytes that came over the network for this file (resumes included). */
  onTransferred?: (bytes: number) => void;
  onCacheCorrupted?: (info: { blob: string; expected: string; actual: string }) => void;
  /** Wait before retry `attempt` (default: exponential backoff with jitter). */
  backoffMs?: (attempt: number) => number;
}

export interface FetchedFile {
  localPath: string;
  digest: FileDigest;
  /** True when the bytes were already in the cache and re-hashed there. */
  fromCache: boolean;
  /** The bytes did not verify: they sit in a temp file the caller deletes after inspection. */
  temporary: boolean;
}

/** Report progress at most every this many bytes. */
const PROGRESS_STEP = 1024 * 1024;

/** A cached blob is trusted only after it is hashed again: the cache is a file anyone local can edit. */
async function fromCache(job: FetchJob, etag: string): Promise<FetchedFile | undefined> {
  const blob = job.layout.blobPath(etag);
  try {
    if (!(await stat(blob)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const digest = await digestFile(blob, { gitSha1: !job.published.lfs, ...(job.signal ? { signal: job.signal } : {}) });
  const verdict = verifyDigest(digest, job.published);
  if (verdict.state === "verified") {
    await linkSnapshot(job.layout, job.commit, job.path, etag);
    return { localPath: blob, digest, fromCache: true, temporary: false };
  }
  job.onCacheCorrupted?.({ blob, expected: etag, actual: job.published.lfs ? digest.sha256 : digest.gitSha1 || digest.sha256 });
  await rm(blob, { force: true });
  return undefined;
}

interface StreamState {
  pos: number;
  builder: DigestBuilder;
}

/**
 * Streams the file into `fh` from `state.pos`, hashing as it goes. Stops one byte past the
 * published size: a longer answer is already a mismatch and must not fill the disk.
 */
async function pump(job: FetchJob, remote: RemoteFile, fh: FileHandle, state: StreamState, expected: number): Promise<void> {
  const cap = expected + 1;
  const body = await remote.stream(state.pos, job.signal);
  const reader = body.getReader();
  let lastReport = state.pos;
  try {
    while (state.pos < cap) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value.subarray(0, Math.min(value.byteLength, cap - state.pos));
      let written = 0;
      while (written < chunk.byteLength) {
        const { bytesWritten } = await fh.write(chunk, written, chunk.byteLength - written, state.pos + written);
        written += bytesWritten;
      }
      state.builder.update(chunk);
      state.pos += chunk.byteLength;
      job.onTransferred?.(chunk.byteLength);
      if (state.pos - lastReport >= PROGRESS_STEP) {
        lastReport = state.pos;
        job.onProgress?.(state.pos, expected, false);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (state.pos < expected) throw new FileFetchError(`${job.path}: the answer ended after ${state.pos} of ${expected} bytes`, true);
}

/**
 * Downloads one file once, hashing while writing to a temp name beside the blob; only bytes that
 * verified against the published hash are renamed into `blobs/` and linked from the snapshot, so a
 * partial or altered download never becomes a cached "good" file. Interrupted transfers resume
 * with a Range request (restart when the server ignores it), bounded by MAX_HTTP_RETRIES.
 */
export async function fetchVerified(job: FetchJob): Promise<FetchedFile> {
  const etag = blobName(job.published);
  if (etag) {
    const cached = await fromCache(job, etag);
    if (cached) {
      job.onProgress?.(cached.digest.size, cached.digest.size, true);
      return cached;
    }
  }
  const expected = job.published.size ?? 0;
  const wantGitSha1 = !job.published.lfs;
  const blobsDir = dirname(job.layout.blobPath("x"));
  await mkdir(blobsDir, { recursive: true });
  const tmp = job.layout.blobPath(`${etag ?? "unnamed"}.${randomUUID()}.incomplete`);
  const fh = await open(tmp, "w+");
  let keep = false;
  try {
    const remote = await openRemoteFile(job.client, job.path, job.commit);
    const state: StreamState = { pos: 0, builder: new DigestBuilder(expected, wantGitSha1) };
    for (let attempt = 0; ; attempt++) {
      try {
        await pump(job, remote, fh, state, expected);
        break;
      } catch (e) {
        job.signal?.throwIfAborted();
        const restart = e instanceof RangeNotHonouredError;
        const retryable = restart || (e instanceof FileFetchError ? e.retryable : isRetryableError(e));
        if (!retryable || attempt >= MAX_HTTP_RETRIES) throw e;
        if (restart) {
          await fh.truncate(0);
          state.pos = 0;
          state.builder = new DigestBuilder(expected, wantGitSha1);
        }
        await sleep((job.backoffMs ?? backoffMs)(attempt), job.signal);
      }
    }
    await fh.sync();
    const digest = state.builder.digest();
    job.onProgress?.(digest.size, expected, true);
    const verified = verifyDigest(digest, job.published).state === "verified";
    await fh.close();
    if (verified && etag) {
      const blob = job.layout.blobPath(etag);
      await rename(tmp, blob);
      await linkSnapshot(job.layout, job.commit, job.path, etag);
      return { localPath: blob, digest, fromCache: false, temporary: false };
    }
    keep = true;
    return { localPath: tmp, digest, fromCache: false, temporary: true };
  } finally {
    await fh.close().catch(() => undefined);
    if (!keep) await rm(tmp, { force: true });
  }
}
