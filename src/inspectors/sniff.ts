import type { Format } from "../types/format.js";

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

/**
 * Decides an artifact's format from its first bytes. Names are not consulted here: a mismatch between
 * name and bytes is for a check to report.
 */
export function sniffFormat(head: Uint8Array, size: number): Format {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(head, [0x1f, 0x8b])) return "gzip";
  if (startsWith(head, ascii("BZh"))) return "bzip2";
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (startsWith(head, ascii("GGUF"))) return "gguf";
  if (startsWith(head, [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) return "numpy";
  if (startsWith(head, [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])) return "hdf5";
  if (startsWith(head, ascii("ustar"), 257)) return "tar";
  // Pickle protocol 2+ opens with PROTO <n>.
  if (head.length >= 2 && head[0] === 0x80 && (head[1] ?? 99) <= 5) return "pickle";
  if (looksLikeSafetensors(head, size)) return "safetensors";
  if (looksLikeText(head)) {
    const first = String.fromCharCode(...head.subarray(0, 64)).trimStart()[0];
    return first === "{" || first === "[" ? "json" : "text";
  }
  return "unknown";
}
