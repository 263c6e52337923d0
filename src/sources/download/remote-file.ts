import { downloadFile, fileDownloadInfo } from "@huggingface/hub";
import type { HubClient } from "../hub-client.js";
import { RangeNotHonouredError } from "../hub-client.js";

/** One file's bytes failed to arrive; `retryable` says whether trying again may help. */
export class FileFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The file is listed in the tree but the download route says it does not exist. */
export class FileMissingError extends FileFetchError {
  constructor(path: string) {
    super(`${path}: listed in the tree but the Hub answered "entry not found"`, false, 404);
  }
}

export interface RemoteFile {
  /** Size the download route reports (may differ from the tree when the bytes were swapped). */
  readonly size: number;
  readonly xet: boolean;
  /** The body from `offset` to the end. */
  stream(offset: number, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** At most `length` bytes from `offset`. */
  range(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
}

async function readBounded(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const out = new Uint8Array(max);
  let got = 0;
  try {
    while (got < max) {
      const { done, value } = await reader.read();
      if (done) break;
      const take = Math.min(value.byteLength, max - got);
      out.set(value.subarray(0, take), got);
      got += take;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return out.subarray(0, got);
}

/**
 * Opens a file at a pinned commit through the library's own download path: `fileDownloadInfo`
 * decides where the bytes are. Xet-stored files (which the Hub now serves for most large files)
 * are read through the library's XetBlob; plain HTTP files are fetched here from the URL the
 * library resolved, so the status of each answer stays visible (a 200 to a Range request must
 * restart the file, not be appended to it).
 */
export async function openRemoteFile(client: HubClient, path: string, commit: string): Promise<RemoteFile> {
  const info = await fileDownloadInfo({ repo: client.repo, path, revision: commit, hubUrl: client.hubUrl, fetch: client.fetch });
  if (!info) throw new FileMissingError(path);
  if (info.xet) {
    const blob = await downloadFile({ repo: client.repo, path, revision: commit, hubUrl: client.hubUrl, fetch: client.fetch, downloadInfo: info });
    if (!blob) throw new FileMissingError(path);
    return {
      size: info.size,
      xet: true,
      stream: async (offset) => (offset > 0 ? blob.slice(offset) : blob).stream(),
      range: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
    };
  }
  const get = async (range: string | undefined, signal?: AbortSignal): Promise<Response> => {
    const init: RequestInit = range ? { headers: { Range: range } } : {};
    if (signal) init.signal = signal;
    const res = await client.fetch(info.url, init);
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const missing = res.status === 404 && res.headers.get("x-error-code") === "EntryNotFound";
      if (missing) throw new FileMissingError(path);
      throw new FileFetchError(`${path}: the Hub answered HTTP ${res.status}`, false, res.status);
    }
    if (range && res.status !== 206) {
      await res.body?.cancel().catch(() => undefined);
      throw new RangeNotHonouredError(`${path}: the server did not honour the Range request`);
    }
    return res;
  };
  return {
    size: info.size,
    xet: false,
    async stream(offset, signal) {
      const res = await get(offset > 0 ? `bytes=${offset}-` : undefined, signal);
      if (!res.body) throw new FileFetchError(`${path}: empty answer`, true);
      return res.body;
    },
    async range(offset, length, signal) {
      if (length <= 0) return new Uint8Array(0);
      const res = await get(`bytes=${offset}-${offset + length - 1}`, signal);
      return res.body ? readBounded(res.body, length) : new Uint8Array(0);
    },
  };
}
