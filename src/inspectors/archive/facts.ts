import type { ZipAnomalyKind } from "../../io/zip.js";
import type { Format } from "../../types/format.js";

/**
 * A structural oddity of a container (zip, tar, compressed stream), reported as a fact; checks pick
 * the severity. Every zip anomaly the reader finds, plus what only a full read or another container
 * shows.
 */
export type ArchiveAnomalyKind = ZipAnomalyKind | "bad-crc" | "truncated-stream" | "polyglot";

export interface ArchiveAnomaly {
  container: Format;
  kind: ArchiveAnomalyKind;
  message: string;
  /** The member concerned (a name string, never a filesystem path). */
  entry?: string;
}

/** Why (part of) a container could not be inspected. Never a silent pass: the checks warn. */
export type UnscannableReason = "7z" | "rar" | "zstd" | "encrypted" | "unsupported-compression" | "lz4" | "lzma" | "too-many-members";

declare module "../../types/fact.js" {
  interface FactTypes {
    /** A container was listed: how many members, which ones were handed on for inspection. */
    "archive.listing": { container: Format; members: number; inspected: string[]; skipped: number };
    "archive.anomaly": ArchiveAnomaly;
    "archive.unscannable": { container: Format; reason: UnscannableReason; detail: string; entry?: string };
    /** An archive inside an archive (B16: `.pt2` with a torch zip inside; zip-in-zip evades scanners that do not recurse). */
    "archive.nested": { container: Format; entry: string; format: Format };
    /** A compressed stream was unwrapped. */
    "archive.decompressed": { compression: Format; compressedBytes: number; bytes: number; truncated: boolean };
  }
}
