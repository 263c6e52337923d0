import { gunzipSync, inflateRawSync, inflateSync, constants as zc } from "node:zlib";
import Bunzip from "seek-bzip";
// A webpack CJS bundle: Node exposes its exports only as the default import.
import xz from "xz-decompress";
import { LimitExceededError, ParseError, errorMessage } from "../errors.js";
import { COMPRESSION_RATIO_FLOOR_BYTES, MAX_COMPRESSION_RATIO } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";

export type CompressionKind = "raw" | "zlib" | "gzip" | "bzip2" | "xz";

export interface DecompressParams {
  source: ByteSource;
  kind: CompressionKind;
  /** Hard bound on the output (MAX_MEMBER_INFLATED_BYTES or a tighter one for configs). */
  maxOutput: number;
  /** Names the payload in messages. */
  what: string;
  signal?: AbortSignal;
}

export interface Decompressed {
  bytes: Uint8Array;
  /** The compressed stream ended early: `bytes` is what it decoded to before the cut. */
  truncated: boolean;
}

/**
 * Decompresses a whole source in memory under two bounds: `maxOutput`, and an output/input ratio
 * (MAX_COMPRESSION_RATIO) past a small floor, so a 10 KB bomb is refused long before it reaches the
 * hard bound (CWE-409). The input itself must fit the output bound: compression never shrinks data
 * below a few bytes per 64 KiB, so a larger input cannot honestly decode within it.
 */
export async function decompressBounded(p: DecompressParams): Promise<Decompressed> {
  const inputLimit = p.maxOutput + Math.ceil(p.maxOutput / 1000) + 65536;
  if (p.source.size > inputLimit) {
    throw new LimitExceededError("MAX_MEMBER_INFLATED_BYTES", `${p.what}: ${p.source.size} compressed bytes cannot decode within the ${p.maxOutput}-byte bound`);
  }
  const input = await p.source.read(0, p.source.size, p.signal);
  const byRatio = Math.max(COMPRESSION_RATIO_FLOOR_BYTES, input.byteLength * MAX_COMPRESSION_RATIO);
  const cap = Math.min(p.maxOutput, byRatio);
  const limit = (): LimitExceededError =>
    cap < p.maxOutput
      ? new LimitExceededError("MAX_COMPRESSION_RATIO", `${p.what}: decompresses to more than ${MAX_COMPRESSION_RATIO} times its ${input.byteLength} bytes (decompression bomb)`)
      : new LimitExceededError("MAX_MEMBER_INFLATED_BYTES", `${p.what}: decompresses to more than ${p.maxOutput} bytes`);
  switch (p.kind) {
    case "raw":
    case "zlib":
    case "gzip":
      return zlibBounded(input, p.kind, cap, limit, p.what);
    case "bzip2":
      return bzip2Bounded(input, cap, limit, p.what);
    case "xz":
      return xzBounded(input, cap, limit, p.what);
  }
}

function asU8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function zlibBounded(input: Uint8Array, kind: "raw" | "zlib" | "gzip", cap: number, limit: () => LimitExceededError, what: string): Decompressed {
  const run = kind === "raw" ? inflateRawSync : kind === "zlib" ? inflateSync : gunzipSync;
  try {
    return { bytes: asU8(run(input, { maxOutputLength: cap + 1 })), truncated: false };
  } catch (e) {
    if (e instanceof RangeError) throw limit();
    const code = (e as { code?: string }).code;
    if (code !== "Z_BUF_ERROR") throw new ParseError(`${what}: invalid ${kind === "raw" ? "deflate" : kind} data: ${errorMessage(e)}`);
  }
  // Cut short: keep what decodes, so a payload before the cut is still inspected.
  try {
    return { bytes: asU8(run(input, { maxOutputLength: cap + 1, finishFlush: zc.Z_SYNC_FLUSH })), truncated: true };
  } catch (e) {
    if (e instanceof RangeError) throw limit();
    throw new ParseError(`${what}: truncated ${kind === "raw" ? "deflate" : kind} data: ${errorMessage(e)}`);
  }
}

class BoundedSink {
  private chunks: Uint8Array[] = [];
  private cur = new Uint8Array(65536);
  private at = 0;
  total = 0;
  constructor(
    private readonly cap: number,
    private readonly limit: () => LimitExceededError,
  ) {}
  writeByte(b: number): void {
    if (++this.total > this.cap) throw this.limit();
    if (this.at === this.cur.byteLength) {
      this.chunks.push(this.cur);
      this.cur = new Uint8Array(Math.min(this.cur.byteLength * 2, 16 * 1024 * 1024));
      this.at = 0;
    }
    this.cur[this.at++] = b;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    out.set(this.cur.subarray(0, this.at), o);
    return out;
  }
}

function bzip2Bounded(input: Uint8Array, cap: number, limit: () => LimitExceededError, what: string): Decompressed {
  const sink = new BoundedSink(cap, limit);
  try {
    Bunzip.decode(Buffer.from(input.buffer, input.byteOffset, input.byteLength), sink, true);
    return { bytes: sink.bytes(), truncated: false };
  } catch (e) {
    if (e instanceof LimitExceededError) throw e;
    if (sink.total > 0) return { bytes: sink.bytes(), truncated: true };
    throw new ParseError(`${what}: invalid bzip2 data: ${errorMessage(e)}`);
  }
}

async function xzBounded(input: Uint8Array, cap: number, limit: () => LimitExceededError, what: string): Promise<Decompressed> {
  const compressed = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  });
  const reader = new xz.XzReadableStream(compressed).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => undefined);
        throw limit();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof LimitExceededError) throw e;
    if (total > 0) return { bytes: concat(chunks, total), truncated: true };
    throw new ParseError(`${what}: invalid xz data: ${errorMessage(e)}`);
  }
  return { bytes: concat(chunks, total), truncated: false };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}
