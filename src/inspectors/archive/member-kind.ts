import type { Format } from "../../types/format.js";
import { sniffFormat } from "../sniff.js";
import { pickleHeadVerdict, scanPickleHead } from "../sniff/pickle-head.js";

export const PICKLE_FAMILY: ReadonlySet<Format> = new Set(["pickle", "pytorch-legacy", "joblib"]);
export const ARCHIVE_FAMILY: ReadonlySet<Format> = new Set(["zip", "pytorch-zip", "keras", "numpy-npz", "tar", "7z", "gzip", "bzip2", "xz", "zlib", "lzma", "lz4", "rar", "zstd"]);

/** Bytes read from the start of a non-tensor member to sniff it (tar's magic sits at byte 257). */
export const MEMBER_SNIFF_BYTES = 512;

/**
 * Sniffs an archive member from its first bytes. `strict` is for tensor storage members, whose raw
 * float bytes may begin like PROTO by chance (≈1 in 10^4): there a pickle must also open with a run
 * of well-formed opcodes, so benign weights are not reported as hidden pickles.
 */
export function memberFormat(head: Uint8Array, size: number, strict: boolean): Format {
  const format = sniffFormat(head, size);
  if (!strict || !PICKLE_FAMILY.has(format)) return format;
  const scan = scanPickleHead(head);
  return scan.valid && (scan.stopAt !== undefined || scan.opcodes >= 4) ? format : "unknown";
}

/**
 * A member whose first bytes are a valid pickle prefix running past them (a long first string or
 * line): not settled from the probe, so it is handed on undeclared and the engine's sniffer reads on.
 * Tensor storages (`strict`) need a well-formed run of several opcodes first, as above.
 */
export function memberMayBePickle(head: Uint8Array, size: number, strict: boolean): boolean {
  if (pickleHeadVerdict(head, size) !== "more") return false;
  return !strict || scanPickleHead(head).opcodes >= 4;
}
