import { ParseError, LimitExceededError } from "../errors.js";
import { openZipCached } from "../io/zip-cache.js";
import type { ByteSource } from "../types/artifact.js";
import type { Format } from "../types/format.js";
import { isTorchLegacyMagic, pickleHeadReading, pickleHeadVerdict, readPickleDeep, sniffPickleDeep, type PickleHeadReading } from "./sniff/pickle-head.js";
import { looksLikeOnnx, looksLikeSavedModel } from "./sniff/protobuf-head.js";
import { isStructurallyValidSafetensorsHeader, safetensorsHeaderLength } from "./sniff/safetensors-head.js";
import { zipKind } from "./sniff/zip-kind.js";
import { HEADER_START } from "./safetensors/validate-header.js";

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function startsWith(head: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (head.length < at + magic.length) return false;
  return magic.every((b, i) => head[at + i] === b);
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  let bad = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) bad++;
  }
  if (bad > head.length / 100) return false;
  try {
    // A cut multi-byte sequence at the end of the head is fine; anything else must decode.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

/** A plausible safetensors header: u64 LE length then '{'. */
function looksLikeSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9 || head[8] !== 0x7b) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const len = view.getBigUint64(0, true);
  return len > 1n && len <= BigInt(size - 8);
}

/** HDF5 superblock signature, at 0 or after a user block of 512, 1024, 2048, ... bytes. */
function looksLikeHdf5(head: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let at = 0; at + sig.length <= head.length; at = at === 0 ? 512 : at * 2) if (startsWith(head, sig, at)) return true;
  return false;
}

/** A POSIX/GNU tar header ("ustar" magic), or a v7 header whose checksum adds up. */
function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < 512) return false;
  if (startsWith(head, ascii("ustar"), 257)) return true;
  const field = String.fromCharCode(...head.subarray(148, 156)).replace(/[\0 ]+$/g, "").trim();
  if (!/^[0-7]{1,7}$/.test(field) || head[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === parseInt(field, 8);
}

/** zlib stream header (RFC 1950): CM 8, window ≤ 32K, no preset dictionary, FCHECK valid. */
function looksLikeZlib(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const cmf = head[0]!;
  const flg = head[1]!;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (flg & 0x20) === 0 && ((cmf << 8) | flg) % 31 === 0;
}

/** Legacy .lzma ("alone") header as joblib writes it: properties 0x5d, a power-of-two dictionary size. */
function looksLikeLzmaAlone(head: Uint8Array): boolean {
  if (head.length < 13 || head[0] !== 0x5d) return false;
  const dict = (head[1]! | (head[2]! << 8) | (head[3]! << 16) | (head[4]! << 24)) >>> 0;
  return dict >= 4096 && (dict & (dict - 1)) === 0;
}

/** The head of a pickle mentions joblib's array wrapper: a joblib dump rather than a bare pickle. */
function mentionsJoblib(head: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(head).includes("joblib.numpy_pickle");
}

/**
 * A safetensors header length can read as PROTO (`\x80\x00`…`\x80\x05`: lengths 128, 384, 640 …),
 * and a long header can go on to spell a few more opcodes. Opcodes that reach STOP without importing
 * anything only build a value, which can run no code: a structurally valid safetensors header whose
 * JSON lies in the head then wins over that pickle reading. An import always keeps the pickle.
 */
function safetensorsWins(reading: PickleHeadReading, head: Uint8Array, size: number): boolean {
  if (reading.imports || !reading.stopped) return false;
  const len = safetensorsHeaderLength(head, size);
  if (len === undefined || head.byteLength < HEADER_START + len) return false;
  return isStructurallyValidSafetensorsHeader(head.subarray(HEADER_START, HEADER_START + len), size);
}

/**
 * Decides an artifact's format from its first bytes. Names are not consulted here: a mismatch
 * between name and bytes is for a check to report (rules/format).
 */
export function sniffFormat(head: Uint8Array, size: number): Format {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  // CM 8 (deflate), the only method RFC 1952 defines: a safetensors header length of 35 615 starts 1f 8b 00.
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return "gzip";
  if (startsWith(head, ascii("BZh")) && (head[3] ?? 0) >= 0x31 && (head[3] ?? 0) <= 0x39) return "bzip2";
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return "lz4";
  // RAR 1.5-4.x and 5.0 both open with "Rar!\x1a\x07"; Zstandard frames with 28 B5 2F FD.
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return "rar";
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (startsWith(head, ascii("GGUF"))) return "gguf";
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return "numpy";
  if (looksLikeHdf5(head)) return "hdf5";
  if (looksLikeTar(head)) return "tar";
  if (isTorchLegacyMagic(head)) return "pytorch-legacy";
  const reading = pickleHeadReading(head, size);
  if (reading.verdict === "pickle" && !safetensorsWins(reading, head, size)) {
    return mentionsJoblib(head) ? "joblib" : "pickle";
  }
  if (looksLikeSafetensors(head, size)) return "safetensors";
  const text = looksLikeText(head);
  if (!text && looksLikeZlib(head)) return "zlib";
  if (!text && looksLikeLzmaAlone(head)) return "lzma";
  if (!text && looksLikeSavedModel(head)) return "tf-savedmodel";
  if (!text && looksLikeOnnx(head)) return "onnx";
  if (text) {
    const first = String.fromCharCode(...head.subarray(0, 64)).trimStart()[0];
    return first === "{" || first === "[" ? "json" : "text";
  }
  return "unknown";
}

const PICKLE_GUESSES: ReadonlySet<Format> = new Set<Format>(["pickle", "joblib"]);

/**
 * `safetensorsWins` for a header longer than the head (a 0x50 or 0x56 length byte is PERSID or
 * UNICODE, whose line CPython reads to the next newline, however far). The whole header is read and
 * validated; when it is structurally valid the pickle reading is taken on through it in memory and a
 * bounded distance past it, and only an import keeps the pickle: a reading that fails, ends a value
 * or is still a clean run of opcodes when the bounded reads end is a guess the header beats.
 * Undefined: `sniffFormat` already decided.
 */
async function settleLongSafetensorsHead(source: ByteSource, head: Uint8Array, format: Format, signal?: AbortSignal): Promise<Format | undefined> {
  const size = source.size;
  const len = safetensorsHeaderLength(head, size);
  if (len === undefined || head.byteLength >= HEADER_START + len) return undefined;
  const reading = pickleHeadReading(head, size);
  if (reading.imports) return undefined;
  if (!PICKLE_GUESSES.has(format) && !(format === "safetensors" && reading.verdict === "more")) return undefined;
  const prefix = await source.read(0, HEADER_START + len, signal);
  if (!isStructurallyValidSafetensorsHeader(prefix.subarray(HEADER_START), size)) return undefined;
  const deep = await readPickleDeep(source, prefix, signal, { settle: true });
  if (!deep.imports) return "safetensors";
  return mentionsJoblib(head) ? "joblib" : "pickle";
}

/** Formats chosen without a magic number: a pickle prefix that runs past the head may land here. */
const DECIDED_BY_HEURISTIC: ReadonlySet<Format> = new Set<Format>(["text", "unknown", "zlib", "lzma", "onnx", "tf-savedmodel"]);

/**
 * `sniffFormat` plus structure: a zip is told apart by its central directory (PyTorch checkpoint,
 * Keras v3, .npz, plain zip). The listing is cached per source, so the zip inspectors reuse it.
 * A zip whose directory cannot be read stays "zip"; its inspector reports why.
 */
export async function sniffArtifact(source: ByteSource, head: Uint8Array, signal?: AbortSignal): Promise<Format> {
  const format = sniffFormat(head, source.size);
  const settled = await settleLongSafetensorsHead(source, head, format, signal);
  if (settled) return settled;
  // A valid pickle prefix whose first argument or line runs past the head: read on before calling it
  // text or unknown bytes, or a 5 KB first string hides the import after it (head-only sniffing).
  if (DECIDED_BY_HEURISTIC.has(format) && pickleHeadVerdict(head, source.size) === "more" && (await sniffPickleDeep(source, head, signal))) {
    return mentionsJoblib(head) ? "joblib" : "pickle";
  }
  if (format !== "zip") return format;
  try {
    return zipKind((await openZipCached(source, signal)).entries);
  } catch (e) {
    if (e instanceof ParseError || e instanceof LimitExceededError) return "zip";
    throw e;
  }
}
