import { afterEach, describe, expect, it, vi } from "vitest";
import { DigestBuilder } from "../../src/integrity/digest.js";
import { resolveSource } from "../../src/sources/resolve.js";
import type { SourcedArtifact } from "../../src/types/source.js";
import { sha256Hex, startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { tempCache, tinyRepo, weights } from "./hub-helpers.js";

const SIZE = 8 * 1024 * 1024;
const PIECE = 64 * 1024;

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await hub?.close();
  cache?.cleanup();
  hub = undefined;
  cache = undefined;
});

/**
 * Re-serves the body of the full download of `path` in 64 KiB pieces, one per pull, and records
 * at every piece how far the bytes handed out run ahead of the bytes hashed. A downloader that
 * hashes while streaming stays within a few pieces; one that buffers the file first would let the
 * whole file run ahead before the first byte is hashed.
 */
function pacedFetch(path: string, hashed: () => number, lags: number[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const ranged = new Headers(init?.headers).has("range");
    if (!url.endsWith(`/${path}`) || ranged || (init?.method ?? "GET") !== "GET" || !res.body) return res;
    const bytes = new Uint8Array(await res.arrayBuffer());
    let sent = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          lags.push(sent - hashed());
          if (sent >= bytes.byteLength) return controller.close();
          const piece = bytes.slice(sent, sent + PIECE);
          sent += piece.byteLength;
          controller.enqueue(piece);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: res.status, headers: res.headers });
  }) as typeof fetch;
}

describe("Hub downloads stream: hashed while downloaded, never held whole", () => {
  it("hashes a multi-MB file as its bytes arrive and publishes the right digest", async () => {
    const content = weights(SIZE);
    hub = await startFakeHub({ repos: [tinyRepo({ files: [{ path: "model.bin", content, lfs: true }] })] });
    cache = tempCache();
    let hashedBytes = 0;
    const update = DigestBuilder.prototype.update;
    vi.spyOn(DigestBuilder.prototype, "update").mockImplementation(function (this: DigestBuilder, chunk: Uint8Array) {
      hashedBytes += chunk.byteLength;
      update.call(this, chunk);
    });
    const lags: number[] = [];
    const src = await resolveSource({ target: "acme/tiny-model", hubUrl: hub.url, cacheDir: cache.dir, fetch: pacedFetch("model.bin", () => hashedBytes, lags) });
    const got: SourcedArtifact[] = [];
    for await (const a of src.artifacts()) got.push(a);
    for (const a of got) await a.close?.();

    expect(got[0]?.digest).toEqual({ sha256: sha256Hex(content), gitSha1: "", size: SIZE });
    expect(lags.length).toBeGreaterThan(SIZE / PIECE);
    // Streaming keeps the bytes in flight to a few pieces; buffering would reach the whole 8 MiB.
    expect(Math.max(...lags)).toBeLessThanOrEqual(4 * PIECE);
  });
});
