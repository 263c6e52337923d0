import { createRequire } from "node:module";
import { createGunzip, createInflate, createInflateRaw } from "node:zlib";
import type Bunzip from "seek-bzip";
// A webpack CJS bundle: its exports are module.exports (the default import's type).
import type xz from "xz-decompress";
import { LimitExceededError, ParseError, errorMessage } from "../errors.js";
import { COMPRESSION_RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";
import { ChunkedByteSource } from "./chunked-byte-source.js";
import type { InflationBudget } from "./inflation-budget.js";

// The bzip2 and xz decoders load on first use: few scans meet either, and loading them cost
// every scan's start-up a few hundredths of a second.
const requireLazily = createRequire(import.meta.url);
const seekBzip = (): typeof Bunzip => requireLazily("seek-bzip") as typeof Bunzip;
const xzDecompress = (): typeof xz => requireLazily("xz-decompress") as typeof xz;

export type CompressionKind = "raw" | "zlib" | "gzip" | "bzip2" | "xz";

export interface DecompressParams {
  source: ByteSource;
  kind: CompressionKind;
  /** Hard bound on the output (MAX_MEMBER_INFLATED_BYTES or a tighter one for configs). */
  maxOutput: number;
  /** Names the payload in messages. */
  what: string;
  /** The file's and the scan's decompression budgets; without one only `maxOutput` and the ratio bound apply. */
  budget?: InflationBudget;
  signal?: AbortSignal;
}

export interface Decompressed {
  /** The output, as the chunks it was decoded in (never copied into one buffer: half the peak memory). */
  source: ByteSource;
  /** The compressed stream ended early: `source` is what it decoded to before the cut. */
  truncated: boolean;
  /** Gives the output's memory back to the scan's budget once the caller is done with it. */
  release: () => void;
}

/**
 * Decompresses a whole source in memory, chunk by chunk, under three bounds: `maxOutput`, an
 * output/input ratio (MAX_COMPRESSION_RATIO) past a small floor, so a 10 KB bomb is refused long
 * before it reaches the hard bound (CWE-409), and the room left in the file's and scan's budgets
 * (total inflated bytes, bytes held at once). Decoding stops at the first chunk past a bound; nothing
 * larger than the bound plus one chunk is ever held. The input itself must fit the output bound:
 * compression never shrinks data below a few bytes per 64 KiB.
 */
export async function decompressBounded(p: DecompressParams): Promise<Decompressed> {
  const inputLimit = p.maxOutput + Math.ceil(p.maxOutput / 1000) + 65536;
  if (p.source.size > inputLimit) {
    throw new LimitExceededError("MAX_MEMBER_INFLATED_BYTES", `${p.what}: ${p.source.size} compressed bytes cannot decode within the ${p.maxOutput}-byte bound`);
  }
  const inputBytes = p.source.size;
  const byRatio = Math.max(COMPRESSION_RATIO_FLOOR_BYTES, inputBytes * MAX_COMPRESSION_RATIO);
  const room = p.budget?.room();
  const cap = Math.max(0, Math.min(p.maxOutput, byRatio, room?.bytes ?? Infinity));
  const limit = (): LimitExceededError => {
    if (room && cap === room.bytes && room.bytes < Math.min(p.maxOutput, byRatio)) return new LimitExceededError(room.limit, `${p.what}: ${room.what}`);
    return cap < p.maxOutput && byRatio < p.maxOutput
      ? new LimitExceededError("MAX_COMPRESSION_RATIO", `${p.what}: decompresses to more than ${MAX_COMPRESSION_RATIO} times its ${inputBytes} bytes (decompression bomb)`)
      : new LimitExceededError("MAX_MEMBER_INFLATED_BYTES", `${p.what}: decompresses to more than ${p.maxOutput} bytes`);
  };
  await p.budget?.reserve(cap);
  const sink = new ChunkSink(cap, limit);
  let truncated: boolean;
  switch (p.kind) {
    case "raw":
    case "zlib":
    case "gzip":
      truncated = await zlibStream(slices(p.source, p.signal), p.kind, sink, p.what);
      break;
    case "bzip2":
      // seek-bzip decodes from one buffer: the input is read whole (it is at most maxOutput-sized).
      truncated = bzip2(await p.source.read(0, inputBytes, p.signal), sink, p.what);
      break;
    case "xz":
      truncated = await xzStream(slices(p.source, p.signal), sink, p.what);
      break;
  }
  const release = p.budget ? p.budget.hold(sink.total) : () => undefined;
  return { source: new ChunkedByteSource(sink.chunks, sink.total), truncated, release };
}

/** Compressed input is fed to the decoders in slices, never read whole (a 100 MB member costs 1 MiB of input buffer). */
const INPUT_SLICE = 1024 * 1024;

async function* slices(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < source.size; at += INPUT_SLICE) yield await source.read(at, Math.min(INPUT_SLICE, source.size - at), signal);
}

/** Collects output chunks and stops the decoder (by throwing) at the first byte past `cap`. */
class ChunkSink {
  readonly chunks: Uint8Array[] = [];
  total = 0;
  private cur = new Uint8Array(64 * 1024);
  private at = 0;
  constructor(
    private readonly cap: number,
    private readonly limit: () => LimitExceededError,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.total + chunk.byteLength > this.cap) throw this.limit();
    this.total += chunk.byteLength;
    this.chunks.push(chunk);
  }

  /** Byte-at-a-time output (seek-bzip), gathered into 64 KiB chunks. */
  writeByte(b: number): void {
    if (this.total + 1 > this.cap) throw this.limit();
    this.total++;
    this.cur[this.at++] = b;
    if (this.at === this.cur.byteLength) this.flush();
  }

  flush(): void {
    if (this.at === 0) return;
    this.chunks.push(this.cur.subarray(0, this.at));
    this.cur = new Uint8Array(64 * 1024);
    this.at = 0;
  }
}

/** Inflates through Node's streaming zlib: output arrives in 64 KiB chunks, the decoder is destroyed at the bound. */
async function zlibStream(input: AsyncIterable<Uint8Array>, kind: "raw" | "zlib" | "gzip", sink: ChunkSink, what: string): Promise<boolean> {
  const name = kind === "raw" ? "deflate" : kind;
  const opts = { chunkSize: 64 * 1024 };
  const z = kind === "raw" ? createInflateRaw(opts) : kind === "zlib" ? createInflate(opts) : createGunzip(opts);
  let settled = false;
  const done = new Promise<boolean>((resolve, reject) => {
    z.on("data", (chunk: Buffer) => {
      if (settled) return;
      try {
        sink.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      } catch (e) {
        settled = true;
        z.destroy();
        reject(e);
      }
    });
    z.on("error", (e: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      // Cut short: keep what decoded, so a payload before the cut is still inspected.
      if (e.code === "Z_BUF_ERROR" && sink.total > 0) resolve(true);
      else if (e.code === "Z_BUF_ERROR") reject(new ParseError(`${what}: truncated ${name} data: ${errorMessage(e)}`));
      else reject(new ParseError(`${what}: invalid ${name} data: ${errorMessage(e)}`));
    });
    z.on("end", () => {
      if (!settled) {
        settled = true;
        resolve(false);
      }
    });
  });
  // Reading ahead stops as soon as the decoder has failed or hit a bound.
  const feeding = (async () => {
    for await (const slice of input) {
      if (settled || z.destroyed) return;
      if (!z.write(slice)) await new Promise<void>((r) => {
        z.once("drain", r);
        z.once("close", r);
      });
    }
    if (!settled && !z.destroyed) z.end();
  })();
  try {
    return await done;
  } finally {
    await feeding.catch(() => undefined);
  }
}

function bzip2(input: Uint8Array, sink: ChunkSink, what: string): boolean {
  try {
    seekBzip().decode(Buffer.from(input.buffer, input.byteOffset, input.byteLength), sink, true);
    sink.flush();
    return false;
  } catch (e) {
    if (e instanceof LimitExceededError) throw e;
    sink.flush();
    if (sink.total > 0) return true;
    throw new ParseError(`${what}: invalid bzip2 data: ${errorMessage(e)}`);
  }
}

async function xzStream(input: AsyncIterable<Uint8Array>, sink: ChunkSink, what: string): Promise<boolean> {
  const it = input[Symbol.asyncIterator]();
  const compressed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  const reader = new (xzDecompress().XzReadableStream)(compressed).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      sink.push(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    if (e instanceof LimitExceededError) throw e;
    if (sink.total > 0) return true;
    throw new ParseError(`${what}: invalid xz data: ${errorMessage(e)}`);
  }
}
