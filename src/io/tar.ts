import { LimitExceededError, ParseError } from "../errors.js";
import { MAX_ARCHIVE_MEMBERS } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";

export interface TarEntry {
  /** The member's name as a string (pax/GNU long names applied). Never used as a path. */
  name: string;
  /** Type flag: "0" regular, "5" directory, "2" symlink, ... */
  type: string;
  size: number;
  /** Absolute offset of the member's data. */
  dataOffset: number;
}

const BLOCK = 512;
/** Long names and pax records are read into memory: bound them (a pax header can claim gigabytes). */
const MAX_META_BYTES = 1024 * 1024;
const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

function cstr(b: Uint8Array): string {
  const z = b.indexOf(0);
  return latin1.decode(z < 0 ? b : b.subarray(0, z));
}

/** Octal, or GNU base-256 when the high bit of the first byte is set. */
function numeric(b: Uint8Array, at: number): number {
  if ((b[0]! & 0x80) !== 0) {
    let v = 0;
    for (let i = 1; i < b.length; i++) v = v * 256 + b[i]!;
    if (!Number.isSafeInteger(v)) throw new ParseError(`tar: size field too large at offset ${at}`, { offset: at });
    return v;
  }
  const s = cstr(b).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new ParseError(`tar: bad numeric field "${s}" at offset ${at}`, { offset: at });
  return parseInt(s, 8);
}

function checksumOk(h: Uint8Array): boolean {
  const field = cstr(h.subarray(148, 156)).trim();
  if (!/^[0-7]+$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum === parseInt(field, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  // Records: "<len> key=value\n".
  const text = utf8.decode(data);
  let at = 0;
  let path: string | undefined;
  while (at < text.length) {
    const sp = text.indexOf(" ", at);
    if (sp < 0) break;
    const len = parseInt(text.slice(at, sp), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = text.slice(sp + 1, at + len - 1);
    const eq = rec.indexOf("=");
    if (eq > 0 && rec.slice(0, eq) === "path") path = rec.slice(eq + 1);
    at += len;
  }
  return path;
}

export interface TarListing {
  entries: TarEntry[];
  /** Why the walk stopped early (truncated or broken header); `entries` holds every member before it. */
  error?: ParseError;
}

/**
 * Lists a tar archive by walking its 512-byte headers through random access: member data is never
 * read here, only skipped. Handles ustar prefixes, GNU long names (`L`) and pax `path` records.
 * A broken or truncated archive keeps the members listed before the break (a member cut short keeps
 * the bytes that are there), so a payload near the start is still inspected; the break is `error`.
 * Throws LimitExceededError past MAX_ARCHIVE_MEMBERS.
 */
export async function readTarListing(source: ByteSource, signal?: AbortSignal): Promise<TarListing> {
  const entries: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let ended = false;
  try {
    while (at + BLOCK <= source.size) {
      const h = await source.read(at, BLOCK, signal);
      if (h.byteLength < BLOCK) throw new ParseError(`tar: truncated header at offset ${at}`, { offset: at });
      if (h.every((b) => b === 0)) {
        ended = true;
        break;
      }
      if (!checksumOk(h)) throw new ParseError(`tar: bad header checksum at offset ${at}`, { offset: at });
      const size = numeric(h.subarray(124, 136), at + 124);
      const type = String.fromCharCode(h[156]!) === "\0" ? "0" : String.fromCharCode(h[156]!);
      const dataOffset = at + BLOCK;
      const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
      if (type === "L" || type === "x") {
        if (dataOffset + size > source.size) throw new ParseError(`tar: name record at offset ${at} claims ${size} bytes past the end of the file`, { offset: at });
        if (size > MAX_META_BYTES) throw new LimitExceededError("MAX_ARCHIVE_MEMBERS", `tar: ${size}-byte name record at offset ${at}`);
        const data = await source.read(dataOffset, size, signal);
        longName = type === "L" ? cstr(data) : (paxPath(data) ?? longName);
        at = next;
        continue;
      }
      if (type === "g") {
        at = next;
        continue;
      }
      let name = cstr(h.subarray(0, 100));
      if (latin1.decode(h.subarray(257, 262)) === "ustar") {
        const prefix = cstr(h.subarray(345, 500));
        if (prefix) name = `${prefix}/${name}`;
      }
      if (longName !== undefined) name = longName;
      longName = undefined;
      if (entries.length >= MAX_ARCHIVE_MEMBERS) throw new LimitExceededError("MAX_ARCHIVE_MEMBERS", `tar lists more than ${MAX_ARCHIVE_MEMBERS} members`);
      if (dataOffset + size > source.size) {
        entries.push({ name, type, size: source.size - dataOffset, dataOffset });
        throw new ParseError(`tar: member "${name}" at offset ${at} claims ${size} bytes, ${dataOffset + size - source.size} past the end of the file`, { offset: at });
      }
      entries.push({ name, type, size, dataOffset });
      at = next;
    }
    // Bytes left that cannot hold a header: the archive was cut (a complete one ends in zero blocks).
    if (!ended && at < source.size) throw new ParseError(`tar: ${source.size - at} bytes at offset ${at} are too short for a header: the archive is truncated`, { offset: at });
  } catch (e) {
    if (e instanceof ParseError) return { entries, error: e };
    throw e;
  }
  return { entries };
}

/** `readTarListing` that throws on a broken archive. */
export async function listTar(source: ByteSource, signal?: AbortSignal): Promise<TarEntry[]> {
  const listing = await readTarListing(source, signal);
  if (listing.error) throw listing.error;
  return listing.entries;
}
