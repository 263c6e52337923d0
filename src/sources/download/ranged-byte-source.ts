import { MAX_HTTP_RETRIES } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import type { HubClient } from "../hub-client.js";
import { FileFetchError, openRemoteFile, type RemoteFile } from "./remote-file.js";
import { backoffMs, isRetryableError, sleep } from "./retry.js";

/**
 * `--metadata-only`: a Hub file read by HTTP Range requests on demand, so inspectors that only
 * need headers, a safetensors header or a zip central directory fetch kilobytes, not gigabytes.
 * Nothing is hashed (the scan reports such files "not-verified").
 */
export class RangedByteSource implements ByteSource {
  private remote: Promise<RemoteFile> | undefined;
  private fetched = 0;

  constructor(
    private readonly client: HubClient,
    private readonly commit: string,
    private readonly path: string,
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
    this.remote ??= openRemoteFile(this.client, this.path, this.commit);
    const remote = await this.remote.catch((e: unknown) => {
      this.remote = undefined;
      throw e;
    });
    for (let attempt = 0; ; attempt++) {
      try {
        const bytes = await remote.range(offset, len, signal);
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
