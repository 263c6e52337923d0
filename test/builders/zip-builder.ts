import { crc32, deflateRawSync } from "node:zlib";

/** One member of a hand-built zip; every field an attacker can forge is settable. */
export interface ZipMemberSpec {
  /** Written as UTF-8. */
  name: string;
  /** A string is a byte string (latin1). */
  data: Uint8Array | string;
  /** 0 stored (default), 8 deflate, anything else is written as-is (unsupported method). */
  method?: number;
  /** Name written in the local header (CVE-2025-1944 when it differs). */
  localName?: string;
  /** General-purpose flags for both headers (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8). */
  flags?: number;
  /** Overrides the CRC-32 written in the headers (CVE-2025-10156 bad CRC). */
  crc?: number;
  /** Writes sizes as 0 in the local header and a data descriptor after the data. */
  dataDescriptor?: boolean;
  /** Writes sizes and offset as 0xffffffff with a zip64 extra field. */
  zip64?: boolean;
  /** Central entry points at the local header of member `overlapWith` instead of its own data. */
  overlapWith?: number;
  /** Bytes of local extra field (PyTorch pads with an "FB" field). */
  localExtra?: Uint8Array;
  /** Writes the local header and data but no central entry (a member only a local-header walker sees). */
  unlisted?: boolean;
  /** Writes these bytes as the member's compressed payload verbatim (a cut or corrupt deflate stream). */
  compressed?: Uint8Array;
  /** Overrides the uncompressed size in the central directory. */
  uncompressedSize?: number;
}

export interface ZipSpec {
  members: ZipMemberSpec[];
  /** Bytes before the first local header (self-extractor stub, polyglot prefix). */
  prefix?: Uint8Array | string;
  /** Central-directory offsets are written relative to the archive start, not the file (like `cat stub a.zip`). */
  prefixUnadjusted?: boolean;
  comment?: Uint8Array | string;
  /** Bytes after the end record. */
  trailing?: Uint8Array | string;
  /** Writes a zip64 end record and locator, with 0xffff markers in the classic one. */
  zip64End?: boolean;
  /** Overrides the member count in the end record. */
  declaredEntries?: number;
}

const enc = new TextEncoder();
/** Data strings are byte strings (one char = one byte, like Python's b"..."), so pickles can be written inline. */
const bytes = (d: Uint8Array | string): Uint8Array => (typeof d === "string" ? Uint8Array.from([...d].map((c) => c.charCodeAt(0) & 0xff)) : d);

class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  raw(b: Uint8Array): this {
    this.chunks.push(b);
    this.length += b.byteLength;
    return this;
  }
  u16(v: number): this {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, v, true);
    return this.raw(b);
  }
  u32(v: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    return this.raw(b);
  }
  u64(v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    return this.raw(b);
  }
  done(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    return out;
  }
}

function zip64Extra(fields: number[]): Uint8Array {
  const w = new Writer().u16(0x0001).u16(fields.length * 8);
  for (const f of fields) w.u64(f);
  return w.done();
}

/** Builds a zip byte by byte so tests can forge what real writers never produce. */
export function buildZip(spec: ZipSpec): Uint8Array {
  const w = new Writer();
  const prefix = spec.prefix !== undefined ? bytes(spec.prefix) : new Uint8Array(0);
  w.raw(prefix);
  const base = spec.prefixUnadjusted ? prefix.byteLength : 0;
  const placed: { offset: number; compressed: number; size: number; crc: number; nameBytes: Uint8Array; m: ZipMemberSpec; method: number }[] = [];
  for (const m of spec.members) {
    const data = bytes(m.data);
    const method = m.method ?? 0;
    const stored = m.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(data)) : data);
    const crc = m.crc ?? crc32(data);
    const nameBytes = enc.encode(m.name);
    const localName = enc.encode(m.localName ?? m.name);
    const flags = (m.flags ?? 0) | (m.dataDescriptor ? 0x8 : 0);
    const offset = w.length;
    const localExtra = m.zip64 ? zip64Extra([data.byteLength, stored.byteLength]) : (m.localExtra ?? new Uint8Array(0));
    w.u32(0x04034b50).u16(m.zip64 ? 45 : 20).u16(flags).u16(method).u16(0).u16(0);
    if (m.dataDescriptor) w.u32(0).u32(0).u32(0);
    else if (m.zip64) w.u32(crc).u32(0xffffffff).u32(0xffffffff);
    else w.u32(crc).u32(stored.byteLength).u32(data.byteLength);
    w.u16(localName.byteLength).u16(localExtra.byteLength).raw(localName).raw(localExtra).raw(stored);
    if (m.dataDescriptor) w.u32(0x08074b50).u32(crc).u32(stored.byteLength).u32(data.byteLength);
    placed.push({ offset, compressed: stored.byteLength, size: m.uncompressedSize ?? data.byteLength, crc, nameBytes, m, method });
  }
  const cdStart = w.length;
  for (const p of placed) {
    if (p.m.unlisted) continue;
    const target = p.m.overlapWith !== undefined ? placed[p.m.overlapWith]! : p;
    const offset = target.offset - base;
    const flags = (p.m.flags ?? 0) | (p.m.dataDescriptor ? 0x8 : 0);
    const extra = p.m.zip64 ? zip64Extra([p.size, p.compressed, offset]) : new Uint8Array(0);
    w.u32(0x02014b50).u16(p.m.zip64 ? 45 : 20).u16(p.m.zip64 ? 45 : 20).u16(flags).u16(p.method).u16(0).u16(0).u32(p.crc);
    if (p.m.zip64) w.u32(0xffffffff).u32(0xffffffff);
    else w.u32(p.compressed).u32(p.size);
    w.u16(p.nameBytes.byteLength).u16(extra.byteLength).u16(0).u16(0).u16(0).u32(0);
    w.u32(p.m.zip64 ? 0xffffffff : offset).raw(p.nameBytes).raw(extra);
  }
  const cdSize = w.length - cdStart;
  const count = spec.declaredEntries ?? placed.filter((p) => !p.m.unlisted).length;
  if (spec.zip64End) {
    const recAt = w.length;
    w.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(count).u64(count).u64(cdSize).u64(cdStart - base);
    w.u32(0x07064b50).u32(0).u64(recAt - base).u32(1);
  }
  const comment = spec.comment !== undefined ? bytes(spec.comment) : new Uint8Array(0);
  w.u32(0x06054b50).u16(0).u16(0);
  if (spec.zip64End) w.u16(0xffff).u16(0xffff).u32(0xffffffff).u32(0xffffffff);
  else w.u16(count).u16(count).u32(cdSize).u32(cdStart - base);
  w.u16(comment.byteLength).raw(comment);
  if (spec.trailing !== undefined) w.raw(bytes(spec.trailing));
  return w.done();
}
