import { MAX_HTTP_RETRIES } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import { FileFetchError, type RemoteFile } from "./remote-file.js";
import { backoffMs, isRetryableError, sleep } from "./retry.js";

/**
 * `--metadata-only`: a Hub file read by HTTP Range requests on demand, so inspectors that only
 * need headers, a safetensors header or a zip central directory fetch kilobytes, not gigabytes.
 * Nothing is hashed (the scan reports such files "not-verified").
 */
export class RangedByteSource implements ByteSource {
  private fetched = 0;

  constructor(
    private readonly remote: RemoteFile,
    /** The size the tree publishes; reads never go past it. */
    readonly size: number,
    private readonly onTransferred?: (bytes: number) => void,
  ) {}

  get bytesRead(): number {
    return this.fetched;
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    if (len === 0 || offset < 0) return new Uint8Array(0);
    for (let attempt = 0; ; attempt++) {
      try {
        const bytes = await this.remote.range(offset, len, signal);
        this.fetched += bytes.byteLength;
        this.onTransferred?.(bytes.byteLength);
        return bytes;
      } catch (e) {
        signal?.throwIfAborted();
        const retryable = e instanceof FileFetchError ? e.retryable : isRetryableError(e);
        if (!retryable || attempt >= MAX_HTTP_RETRIES) throw e;
        await sleep(backoffMs(attempt), signal);
      }
    }
  }
}
