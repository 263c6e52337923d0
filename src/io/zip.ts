/**
 * A zip reader over a random-access ByteSource, written for hostile input.
 *
 * Usage (H5b, `.keras`; torch/npz inspectors):
 *   const zip = await openZip(artifact.source);           // reads the tail (+ central directory) once
 *   for (const e of zip.entries) { e.name, e.method, e.compressedSize, e.encrypted, ... }
 *   const e = zip.find("config.json");                     // first entry of that central-directory name
 *   const src = await zip.entrySource(e, MAX_JSON_BYTES);  // stored: a zero-copy slice; deflate: bounded inflate
 *   const head = await zip.readHead(e, 64);                // first bytes only (never inflates the whole member)
 *   zip.anomalies                                          // structural facts (name mismatch, duplicates, ...)
 *
 * It reads the way PyTorch's loader (miniz) does: from the central directory, ignoring flag bits and
 * CRCs, trusting central names over local ones, honouring zip64. Everything a stricter reader would
 * reject is recorded in `anomalies` instead of failing: those differences are what parser-differential
 * bypasses use (CVE-2025-1944 name mismatch, CVE-2025-1945 flag bits, CVE-2025-10156 bad CRC).
 * Names are only ever strings: nothing here touches the filesystem.
 * `entrySource` throws ParseError for encrypted or unsupported members and LimitExceededError for bombs.
 */
import { inflateRawSync } from "node:zlib";
import { LimitExceededError, ParseError } from "../errors.js";
import { SliceByteSource } from "./byte-source.js";
import { Cursor, u32At } from "./cursor.js";
import { decompressBounded } from "./decompress.js";
import type { InflationBudget } from "./inflation-budget.js";
import { MAX_ARCHIVE_MEMBERS, MAX_MEMBER_INFLATED_BYTES, MAX_ZIP_CENTRAL_DIRECTORY_BYTES } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
/** The EOCD comment is at most 65535 bytes, so the record starts within this many bytes of the end. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
/** Room for the zip64 locator and record just before the EOCD. */
const ZIP64_TAIL = 20 + 56;
/** Local extra fields are read speculatively with the header (PyTorch pads with up to 64 bytes). */
const LOCAL_EXTRA_GUESS = 128;

export const ZIP_METHOD_STORED = 0;
export const ZIP_METHOD_DEFLATE = 8;

export interface ZipEntry {
  /** Position in the central directory. */
  index: number;
  /** The central-directory name (what PyTorch and Python use to find members). A string only. */
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Absolute offset of the local header (prepended-data shift already applied). */
  localHeaderOffset: number;
  /** General-purpose flag bit 0. */
  encrypted: boolean;
  /** Sizes or offset came from a zip64 extra field. */
  zip64: boolean;
  isDirectory: boolean;
}

export type ZipAnomalyKind =
  | "name-mismatch"
  | "duplicate-name"
  | "overlapping-entries"
  | "encrypted-entry"
  | "unsupported-compression"
  | "prepended-data"
  | "trailing-data"
  | "multiple-eocd"
  | "entry-count-mismatch"
  | "entry-out-of-bounds"
  | "size-mismatch"
  | "unsafe-name"
  | "truncated-entry"
  | "directory-offset-mismatch";

export interface ZipAnomaly {
  kind: ZipAnomalyKind;
  message: string;
  entry?: string;
  offset?: number;
}

export interface LocalHeader {
  name: string;
  flags: number;
  method: number;
  /** Absolute offset of the member's data. */
  dataOffset: number;
}

export interface ZipArchive {
  readonly size: number;
  readonly entries: readonly ZipEntry[];
  /** Structural facts found so far; local-header reads append to it (name mismatches). */
  readonly anomalies: ZipAnomaly[];
  readonly comment: string;
  /** Absolute offset of the central directory and of the EOCD record. */
  readonly centralDirectoryOffset: number;
  readonly eocdOffset: number;
  find(name: string): ZipEntry | undefined;
  localHeader(entry: ZipEntry): Promise<LocalHeader>;
  /** The first `n` bytes of the member's content, inflating only what is needed. */
  readHead(entry: ZipEntry, n: number): Promise<Uint8Array>;
  /** The member's content: a zero-copy slice when stored, a bounded inflation when deflated. */
  entrySource(entry: ZipEntry, maxInflated?: number, budget?: InflationBudget): Promise<ByteSource>;
  /** `entrySource` plus `release`, which gives inflated bytes back to the budget once the caller is done. */
  entryContent(entry: ZipEntry, maxInflated?: number, budget?: InflationBudget): Promise<{ source: ByteSource; release: () => void }>;
}

export function isSupportedMethod(method: number): boolean {
  return method === ZIP_METHOD_STORED || method === ZIP_METHOD_DEFLATE;
}

const METHOD_NAMES: Record<number, string> = { 0: "stored", 8: "deflate", 9: "deflate64", 12: "bzip2", 14: "lzma", 93: "zstd", 95: "xz", 98: "ppmd", 99: "aes" };

export function methodName(method: number): string {
  return METHOD_NAMES[method] ?? `method ${method}`;
}

const utf8 = new TextDecoder("utf-8");
// Python decodes names without the UTF-8 flag as cp437; latin1 differs only in how odd bytes display.
const latin1 = new TextDecoder("latin1");

function decodeName(bytes: Uint8Array, flags: number): string {
  return (flags & 0x800) !== 0 ? utf8.decode(bytes) : isAscii(bytes) ? latin1.decode(bytes) : utf8.decode(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

interface Eocd {
  offset: number;
  entries: number;
  cdSize: number;
  cdOffset: number;
  comment: string;
  commentLength: number;
  zip64: boolean;
}

/** Every position in `tail` holding an EOCD signature with room for the fixed record, last first. */
function eocdCandidates(tail: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = tail.byteLength - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) found.push(i);
  }
  return found;
}

/** First tail read: enough for the end records and, usually, the whole central directory of a checkpoint. */
const FIRST_TAIL = 16 * 1024;

async function readTailBytes(source: ByteSource, want: number, signal?: AbortSignal): Promise<{ tail: Uint8Array; tailStart: number }> {
  const len = Math.min(source.size, want);
  const tailStart = source.size - len;
  const tail = await source.read(tailStart, len, signal);
  if (tail.byteLength !== len) throw new ParseError(`zip: short read of the archive tail (${tail.byteLength} of ${len} bytes)`, { offset: tailStart });
  return { tail, tailStart };
}

/**
 * Reads the tail once when the end record sits near the end (no or a short comment: every real
 * checkpoint), else once more over the whole 64 KiB comment window. Remote scans pay one small
 * range request in the common case.
 */
async function readTail(source: ByteSource, signal?: AbortSignal): Promise<{ tail: Uint8Array; tailStart: number }> {
  const first = await readTailBytes(source, FIRST_TAIL, signal);
  const fits = eocdCandidates(first.tail).some((i) => i + EOCD_SIZE + (first.tail[i + 20]! | (first.tail[i + 21]! << 8)) === first.tail.byteLength);
  if (fits || first.tailStart === 0) return first;
  return readTailBytes(source, EOCD_SEARCH + ZIP64_TAIL, signal);
}

function parseEocd(tail: Uint8Array, tailStart: number, at: number): Eocd {
  const c = new Cursor(tail, tailStart, "zip end of central directory").seek(at + 4);
  const disk = c.u16();
  const cdDisk = c.u16();
  const diskEntries = c.u16();
  const entries = c.u16();
  const cdSize = c.u32();
  const cdOffset = c.u32();
  const commentLength = c.u16();
  if (disk !== 0 && disk !== 0xffff) throw new ParseError(`zip: multi-disk archives are not supported (disk ${disk}, central directory on disk ${cdDisk})`, { offset: tailStart + at });
  void diskEntries;
  const commentBytes = tail.subarray(at + EOCD_SIZE, Math.min(tail.byteLength, at + EOCD_SIZE + commentLength));
  return {
    offset: tailStart + at,
    entries,
    cdSize,
    cdOffset,
    comment: latin1.decode(commentBytes),
    commentLength,
    zip64: entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff,
  };
}

/** Reads the zip64 EOCD record through its locator, which sits just before the classic EOCD. */
async function applyZip64(source: ByteSource, tail: Uint8Array, tailStart: number, eocd: Eocd, signal?: AbortSignal): Promise<Eocd> {
  const locAt = eocd.offset - tailStart - 20;
  if (u32At(tail, locAt) !== SIG_ZIP64_LOCATOR) {
    if (eocd.zip64) throw new ParseError("zip: zip64 markers in the end record but no zip64 locator", { offset: eocd.offset });
    return eocd;
  }
  const loc = new Cursor(tail, tailStart, "zip64 locator").seek(locAt + 4);
  loc.u32();
  const recOffset = loc.u64();
  let rec: Uint8Array;
  if (recOffset >= tailStart && recOffset + 56 <= tailStart + tail.byteLength) rec = tail.subarray(recOffset - tailStart, recOffset - tailStart + 56);
  else rec = await source.read(recOffset, 56, signal);
  const c = new Cursor(rec, recOffset, "zip64 end of central directory");
  if (c.u32() !== SIG_ZIP64_EOCD) throw new ParseError(`zip: no zip64 end record at offset ${recOffset}`, { offset: recOffset });
  c.skip(8 + 2 + 2 + 4 + 4 + 8);
  const entries = c.u64();
  const cdSize = c.u64();
  const cdOffset = c.u64();
  return { ...eocd, entries, cdSize, cdOffset, zip64: true };
}

interface RawCentral {
  entry: ZipEntry;
  nameBytes: number;
}

function parseZip64Extra(extra: Uint8Array, base: number, e: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number }): boolean {
  const c = new Cursor(extra, base, "zip extra field");
  while (c.remaining >= 4) {
    const id = c.u16();
    const len = c.u16();
    if (len > c.remaining) return false;
    if (id !== 0x0001) {
      c.skip(len);
      continue;
    }
    const f = new Cursor(c.bytesView(len), c.absolute - len, "zip64 extra field");
    // Fields appear only for header values that overflowed, in this fixed order (APPNOTE 4.5.3).
    if (e.uncompressedSize === 0xffffffff && f.remaining >= 8) e.uncompressedSize = f.u64();
    if (e.compressedSize === 0xffffffff && f.remaining >= 8) e.compressedSize = f.u64();
    if (e.localHeaderOffset === 0xffffffff && f.remaining >= 8) e.localHeaderOffset = f.u64();
    return true;
  }
  return false;
}

function parseCentralDirectory(cd: Uint8Array, cdAbs: number, shift: number, declared: number): RawCentral[] {
  const c = new Cursor(cd, cdAbs, "zip central directory");
  const out: RawCentral[] = [];
  while (c.remaining >= 4 && c.peekU32(c.pos) === SIG_CENTRAL) {
    if (out.length >= MAX_ARCHIVE_MEMBERS) throw new LimitExceededError("MAX_ARCHIVE_MEMBERS", `zip lists more than ${MAX_ARCHIVE_MEMBERS} members`);
    c.skip(4 + 2 + 2);
    const flags = c.u16();
    const method = c.u16();
    c.skip(4);
    const crc32 = c.u32();
    const sizes = { compressedSize: c.u32(), uncompressedSize: 0, localHeaderOffset: 0 };
    sizes.uncompressedSize = c.u32();
    const nameLen = c.u16();
    const extraLen = c.u16();
    const commentLen = c.u16();
    c.skip(2 + 2 + 4);
    sizes.localHeaderOffset = c.u32();
    const nameBytes = c.bytesView(nameLen);
    const extraAt = c.absolute;
    const extra = c.bytesView(extraLen);
    c.skip(commentLen);
    const zip64 = (sizes.compressedSize === 0xffffffff || sizes.uncompressedSize === 0xffffffff || sizes.localHeaderOffset === 0xffffffff) && parseZip64Extra(extra, extraAt, sizes);
    const name = decodeName(nameBytes, flags);
    out.push({
      nameBytes: nameLen,
      entry: {
        index: out.length,
        name,
        flags,
        method,
        crc32,
        compressedSize: sizes.compressedSize,
        uncompressedSize: sizes.uncompressedSize,
        localHeaderOffset: sizes.localHeaderOffset + shift,
        encrypted: (flags & 1) !== 0,
        zip64,
        isDirectory: name.endsWith("/"),
      },
    });
  }
  if (out.length === 0 && declared > 0) throw new ParseError(`zip: no central directory entry at offset ${cdAbs}`, { offset: cdAbs });
  return out;
}

function structuralAnomalies(raws: RawCentral[], eocd: Eocd, cdAbs: number, size: number, shift: number, ambiguousEnd: boolean): ZipAnomaly[] {
  const anomalies: ZipAnomaly[] = [];
  const entries = raws.map((r) => r.entry);
  if (shift > 0) anomalies.push({ kind: "prepended-data", message: `${shift} bytes precede the archive (offsets in the central directory are shifted)`, offset: 0 });
  const first = entries.reduce((m, e) => Math.min(m, e.localHeaderOffset), cdAbs);
  if (first > shift) anomalies.push({ kind: "prepended-data", message: `${first - shift} bytes of unlisted data precede the first member`, offset: shift });
  const end = eocd.offset + EOCD_SIZE + eocd.commentLength;
  if (end < size) anomalies.push({ kind: "trailing-data", message: `${size - end} bytes follow the end-of-central-directory record and its comment`, offset: end });
  if (end > size) anomalies.push({ kind: "trailing-data", message: `the archive comment claims ${eocd.commentLength} bytes but the file ends first`, offset: eocd.offset });
  if (ambiguousEnd) anomalies.push({ kind: "multiple-eocd", message: "several end-of-central-directory records in the tail: readers may pick different ones", offset: eocd.offset });
  if (eocd.entries !== entries.length) anomalies.push({ kind: "entry-count-mismatch", message: `end record declares ${eocd.entries} members, central directory holds ${entries.length}`, offset: eocd.offset });
  const seen = new Map<string, number>();
  for (const e of entries) {
    seen.set(e.name, (seen.get(e.name) ?? 0) + 1);
    if (e.encrypted) anomalies.push({ kind: "encrypted-entry", message: `member is flagged as encrypted`, entry: e.name, offset: e.localHeaderOffset });
    if (!isSupportedMethod(e.method)) anomalies.push({ kind: "unsupported-compression", message: `member uses ${methodName(e.method)} compression`, entry: e.name, offset: e.localHeaderOffset });
    if (e.localHeaderOffset + LOCAL_HEADER_SIZE + e.compressedSize > cdAbs) anomalies.push({ kind: "entry-out-of-bounds", message: `member data would run past the central directory`, entry: e.name, offset: e.localHeaderOffset });
    if (e.method === ZIP_METHOD_STORED && e.compressedSize !== e.uncompressedSize) anomalies.push({ kind: "size-mismatch", message: `stored member declares ${e.compressedSize} stored and ${e.uncompressedSize} uncompressed bytes`, entry: e.name, offset: e.localHeaderOffset });
    if (/(^|[\\/])\.\.([\\/]|$)/.test(e.name) || e.name.startsWith("/") || /^[A-Za-z]:/.test(e.name) || e.name.includes("\0")) anomalies.push({ kind: "unsafe-name", message: `member name would escape an extraction folder`, entry: e.name, offset: e.localHeaderOffset });
  }
  for (const [name, n] of seen) if (n > 1) anomalies.push({ kind: "duplicate-name", message: `${n} members share this name: loaders disagree on which one is read`, entry: name });
  // Overlap: each member occupies at least its fixed local header plus its data (local name and extra unknown without a read).
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset || a.index - b.index);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    const prevEnd = prev.localHeaderOffset + LOCAL_HEADER_SIZE + prev.compressedSize;
    if (cur.localHeaderOffset < prevEnd) {
      anomalies.push({ kind: "overlapping-entries", message: `member overlaps "${prev.name}" (a zip-bomb or parser-differential construction)`, entry: cur.name, offset: cur.localHeaderOffset });
    }
  }
  return anomalies;
}

class Archive implements ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly locals = new Map<number, Promise<LocalHeader>>();
  private readonly noted = new Set<number>();

  constructor(
    private readonly source: ByteSource,
    readonly entries: readonly ZipEntry[],
    readonly anomalies: ZipAnomaly[],
    readonly comment: string,
    readonly centralDirectoryOffset: number,
    readonly eocdOffset: number,
    private readonly signal?: AbortSignal,
  ) {
    for (const e of entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  get size(): number {
    return this.source.size;
  }

  find(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  localHeader(entry: ZipEntry): Promise<LocalHeader> {
    let p = this.locals.get(entry.index);
    if (!p) {
      p = this.readLocal(entry, 0).then((r) => r.header);
      this.locals.set(entry.index, p);
    }
    return p;
  }

  /**
   * Reads the local header together with the first `extra` data bytes in one request (one HTTP range
   * on remote sources). Returns the header and whatever data bytes came with it.
   */
  private async readLocal(entry: ZipEntry, extra: number): Promise<{ header: LocalHeader; data: Uint8Array }> {
    const at = entry.localHeaderOffset;
    const guess = LOCAL_HEADER_SIZE + entry.name.length * 4 + LOCAL_EXTRA_GUESS + extra;
    let buf = await this.source.read(at, Math.min(guess, Math.max(0, this.source.size - at)), this.signal);
    const c = new Cursor(buf, at, `zip local header of "${entry.name}"`);
    if (c.u32() !== SIG_LOCAL) throw new ParseError(`zip: no local header for "${entry.name}" at offset ${at}`, { offset: at });
    c.skip(2);
    const flags = c.u16();
    const method = c.u16();
    c.skip(4 + 4 + 4 + 4);
    const nameLen = c.u16();
    const extraLen = c.u16();
    const headerLen = LOCAL_HEADER_SIZE + nameLen + extraLen;
    if (buf.byteLength < headerLen + Math.min(extra, entry.compressedSize)) {
      buf = await this.source.read(at, Math.min(headerLen + extra, Math.max(0, this.source.size - at)), this.signal);
    }
    const hc = new Cursor(buf, at, `zip local header of "${entry.name}"`).seek(LOCAL_HEADER_SIZE);
    const name = decodeName(hc.bytesView(nameLen), flags);
    hc.skip(extraLen);
    const header: LocalHeader = { name, flags, method, dataOffset: at + headerLen };
    if (!this.noted.has(entry.index)) {
      this.noted.add(entry.index);
      this.noteLocal(entry, header);
    }
    if (header.dataOffset + entry.compressedSize > this.source.size) {
      throw new ParseError(`zip: member "${entry.name}" runs past the end of the file`, { offset: header.dataOffset });
    }
    return { header, data: buf.subarray(headerLen, headerLen + Math.min(extra, entry.compressedSize)) };
  }

  private noteLocal(entry: ZipEntry, local: LocalHeader): void {
    // CVE-2025-1944: PyTorch reads by the central name, CPython's zipfile refuses a differing local name.
    if (local.name !== entry.name) {
      this.anomalies.push({ kind: "name-mismatch", message: `local header names it "${local.name}"`, entry: entry.name, offset: entry.localHeaderOffset });
    }
  }

  async readHead(entry: ZipEntry, n: number): Promise<Uint8Array> {
    this.assertReadable(entry);
    const want = Math.min(n, entry.method === ZIP_METHOD_STORED ? entry.compressedSize : n);
    if (entry.method === ZIP_METHOD_STORED) {
      const { data } = await this.readLocal(entry, want);
      return data;
    }
    // Deflate: a small compressed prefix inflates to at least `n` bytes unless the data is incompressible.
    // Start small and grow: 1 KB of deflated zeros is a megabyte, and a bomb lists thousands of members
    // whose heads are all read (nesting-work amplification, CWE-409).
    let take = Math.min(entry.compressedSize, 64);
    for (;;) {
      const { data } = await this.readLocal(entry, take);
      const out = inflatePrefix(data, n);
      if (out.byteLength >= n || take >= entry.compressedSize) return out.subarray(0, n);
      take = Math.min(entry.compressedSize, take * 4);
    }
  }

  async entrySource(entry: ZipEntry, maxInflated = MAX_MEMBER_INFLATED_BYTES, budget?: InflationBudget): Promise<ByteSource> {
    const { source, release } = await this.entryContent(entry, maxInflated, budget);
    // Small bounded reads (configs, schema.json): the caller holds the bytes, not the budget.
    release();
    return source;
  }

  async entryContent(entry: ZipEntry, maxInflated = MAX_MEMBER_INFLATED_BYTES, budget?: InflationBudget): Promise<{ source: ByteSource; release: () => void }> {
    this.assertReadable(entry);
    const { header } = await this.readLocal(entry, 0);
    if (entry.method === ZIP_METHOD_STORED) return { source: new SliceByteSource(this.source, header.dataOffset, entry.compressedSize), release: () => undefined };
    const raw = new SliceByteSource(this.source, header.dataOffset, entry.compressedSize);
    const out = await decompressBounded({ source: raw, kind: "raw", maxOutput: maxInflated, what: `zip member "${entry.name}"`, ...(budget ? { budget } : {}), ...(this.signal ? { signal: this.signal } : {}) });
    if (out.truncated) this.anomalies.push({ kind: "truncated-entry", message: `compressed data ends early: only the first ${out.source.size} bytes were recovered`, entry: entry.name, offset: header.dataOffset });
    return { source: out.source, release: out.release };
  }

  private assertReadable(entry: ZipEntry): void {
    if (entry.encrypted) throw new ParseError(`zip member "${entry.name}" is encrypted and cannot be inspected`, { offset: entry.localHeaderOffset });
    if (!isSupportedMethod(entry.method)) throw new ParseError(`zip member "${entry.name}" uses ${methodName(entry.method)} compression, which cannot be inspected`, { offset: entry.localHeaderOffset });
  }
}

/** Inflates a raw-deflate prefix without requiring the stream to end; returns at most `n` bytes. */
function inflatePrefix(data: Uint8Array, n: number): Uint8Array {
  try {
    // Z_SYNC_FLUSH (2) returns what the prefix decodes to instead of failing on the missing end.
    // Deflate expands at most ~1032:1, so this bound is never hit by a prefix of honest size.
    const out = inflateRawSync(data, { finishFlush: 2, maxOutputLength: data.byteLength * 1100 + 65536 });
    return new Uint8Array(out.buffer, out.byteOffset, Math.min(out.byteLength, n));
  } catch (e) {
    if (e instanceof RangeError) return new Uint8Array(0);
    throw new ParseError(`zip: invalid deflate data: ${(e as Error).message}`);
  }
}

/** Opens a zip from its end of central directory; throws ParseError when the bytes are not a readable zip. */
export async function openZip(source: ByteSource, signal?: AbortSignal): Promise<ZipArchive> {
  if (source.size < EOCD_SIZE) throw new ParseError(`zip: ${source.size} bytes is too short for an archive`);
  const { tail, tailStart } = await readTail(source, signal);
  const candidates = eocdCandidates(tail);
  const fits = (i: number): boolean => i + EOCD_SIZE + (tail[i + 20]! | (tail[i + 21]! << 8)) === tail.byteLength;
  // Prefer the last record whose comment ends exactly at the end of the file (the well-formed one),
  // else the last signature, as miniz does. Another candidate inside the comment, or several
  // well-formed ones, means readers may disagree about where the archive is.
  const at = candidates.find(fits) ?? candidates[0];
  if (at === undefined) throw new ParseError("zip: no end-of-central-directory record in the last 64 KiB", { offset: tailStart });
  const ambiguous = candidates.some((i) => i > at) || candidates.filter(fits).length > 1;
  const eocd = await applyZip64(source, tail, tailStart, parseEocd(tail, tailStart, at), signal);
  if (eocd.cdSize > MAX_ZIP_CENTRAL_DIRECTORY_BYTES) throw new LimitExceededError("MAX_ZIP_CENTRAL_DIRECTORY_BYTES", `zip central directory of ${eocd.cdSize} bytes exceeds ${MAX_ZIP_CENTRAL_DIRECTORY_BYTES}`);
  if (eocd.entries > MAX_ARCHIVE_MEMBERS) throw new LimitExceededError("MAX_ARCHIVE_MEMBERS", `zip declares ${eocd.entries} members, more than ${MAX_ARCHIVE_MEMBERS}`);
  // Where the central directory really is: right before the end record(s). A difference from the
  // declared offset is data prepended to the archive (CPython's `concat` adjustment).
  const zip64Len = eocd.zip64 && u32At(tail, eocd.offset - tailStart - 20) === SIG_ZIP64_LOCATOR ? 20 + 56 : 0;
  const cdAbs = eocd.offset - zip64Len - eocd.cdSize;
  if (cdAbs < 0) throw new ParseError(`zip: central directory of ${eocd.cdSize} bytes does not fit before its end record`, { offset: eocd.offset });
  const readCd = async (from: number): Promise<Uint8Array> => {
    const b = from >= tailStart ? tail.subarray(from - tailStart, from - tailStart + eocd.cdSize) : await source.read(from, eocd.cdSize, signal);
    if (b.byteLength !== eocd.cdSize) throw new ParseError("zip: short read of the central directory", { offset: from });
    return b;
  };
  let cd = await readCd(cdAbs);
  let cdAt = cdAbs;
  let shift = Math.max(0, cdAbs - eocd.cdOffset);
  // Junk between the central directory and the end record: fall back to the declared offset (miniz's choice).
  if (eocd.cdSize > 0 && u32At(cd, 0) !== SIG_CENTRAL && eocd.cdOffset !== cdAbs && eocd.cdOffset + eocd.cdSize <= source.size) {
    cd = await readCd(eocd.cdOffset);
    cdAt = eocd.cdOffset;
    shift = 0;
  }
  const raws = parseCentralDirectory(cd, cdAt, shift, eocd.entries);
  const anomalies = structuralAnomalies(raws, eocd, cdAt, source.size, shift, ambiguous);
  // The directory was found where it really is, not where the end record says: miniz (torch.load)
  // refuses such a file while tolerant readers open it, so two tools see two different archives.
  if (cdAt !== eocd.cdOffset + shift) {
    anomalies.push({ kind: "directory-offset-mismatch", message: `the end record puts the central directory at offset ${eocd.cdOffset}, but it lies at ${cdAt}`, offset: eocd.offset });
  } else if (cdAt !== cdAbs) {
    anomalies.push({ kind: "directory-offset-mismatch", message: `${cdAbs - cdAt} unlisted bytes lie between the central directory and its end record`, offset: cdAt + eocd.cdSize });
  }
  return new Archive(source, raws.map((r) => r.entry), anomalies, eocd.comment, cdAt, eocd.offset, signal);
}

/** True when the bytes start like a zip (local header, or an empty archive's end record). */
export function looksLikeZip(head: Uint8Array): boolean {
  const sig = u32At(head, 0);
  return sig === SIG_LOCAL || sig === SIG_EOCD;
}
