import { decompressBounded, type CompressionKind } from "../../io/decompress.js";
import { MAX_MEMBER_INFLATED_BYTES, MAX_NESTING_DEPTH } from "../../limits.js";
import { fact } from "../../types/fact.js";
import type { Format } from "../../types/format.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";
import type { UnscannableReason } from "./facts.js";
import { memberArtifact } from "./member-ref.js";

const KINDS: Partial<Record<Format, CompressionKind>> = { gzip: "gzip", bzip2: "bzip2", xz: "xz", zlib: "zlib" };
const SUFFIX = /\.(gz|gzip|bz2|bzip2|xz|z|zlib)$/i;

/** The name of the payload: `model.pkl.gz` → `model.pkl`; otherwise the name with `(decompressed)`. */
function innerName(name: string): string {
  return SUFFIX.test(name) ? name.replace(SUFFIX, "") : `${name} (decompressed)`;
}

/**
 * gzip/bz2/xz/zlib wrappers (pickles saved through `gzip.open`, compressed joblib dumps — B14: peers
 * counted those as clean parse failures): decompressed in memory under MAX_MEMBER_INFLATED_BYTES and
 * the compression-ratio bound, then handed on. A stream cut short still hands on what it decoded.
 */
export const compressedInspector: Inspector = {
  name: "compressed",
  accepts: (p) => KINDS[p.format] !== undefined,
  async *inspect(artifact, probe, ctx) {
    const kind = KINDS[probe.format]!;
    // The engine would refuse the payload for its depth: do not decompress it first.
    if (probe.depth + 1 > MAX_NESTING_DEPTH) {
      yield fact("scan.limit-exceeded", { message: `the ${probe.format} payload, nested deeper than ${MAX_NESTING_DEPTH} levels, was not inspected`, limit: "MAX_NESTING_DEPTH" }, artifact.ref);
      return;
    }
    const out = await decompressBounded({ source: artifact.source, kind, maxOutput: MAX_MEMBER_INFLATED_BYTES, what: `${probe.format} stream`, ...(ctx.inflation ? { budget: ctx.inflation } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    yield fact("archive.decompressed", { compression: probe.format, compressedBytes: artifact.source.size, bytes: out.source.size, truncated: out.truncated }, artifact.ref);
    if (out.truncated) yield fact("archive.anomaly", { container: probe.format, kind: "truncated-stream", message: `the ${probe.format} stream ends early; ${out.source.size} bytes were recovered` }, artifact.ref);
    yield { child: memberArtifact(artifact.ref, innerName(probe.name), out.source), release: out.release };
  },
};

/** What each container modelgate cannot open is, in the words of the finding. */
const UNOPENED: Partial<Record<Format, { reason: UnscannableReason; detail: string }>> = {
  "7z": { reason: "7z", detail: "7z archives are not opened by modelgate; their members were not checked" },
  rar: { reason: "rar", detail: "RAR archives are not opened by modelgate; their members were not checked" },
  lz4: { reason: "lz4", detail: "LZ4 compressed data is not decompressed by modelgate; its content was not checked" },
  lzma: { reason: "lzma", detail: "LZMA (alone) compressed data is not decompressed by modelgate; its content was not checked" },
  zstd: { reason: "zstd", detail: "Zstandard compressed data is not decompressed by modelgate; its content was not checked" },
};

/**
 * Containers modelgate cannot open: 7z (nullifAI, B07), RAR, Zstandard, LZ4 frames and legacy .lzma
 * streams (joblib's lz4/lzma compressors). Reported as unscannable, never passed silently.
 */
export const unscannableInspector: Inspector = {
  name: "unscannable-container",
  accepts: (p) => UNOPENED[p.format] !== undefined,
  // eslint-disable-next-line require-yield
  async *inspect(artifact, probe) {
    const what = UNOPENED[probe.format]!;
    yield fact("archive.unscannable", { container: probe.format, reason: what.reason, detail: what.detail }, artifact.ref);
  },
};
