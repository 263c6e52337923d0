import { LimitExceededError, ParseError } from "../errors.js";
import { MAX_HDF5_ATTRIBUTE_BYTES, MAX_HDF5_HEADER_MESSAGES } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";
import type { Region } from "../types/region.js";

/**
 * A minimal, bounded HDF5 reader: superblock (v0-v3) → root group object header (v1 or v2, with
 * continuation blocks) → attribute messages (v1-v3) with fixed-length or variable-length string
 * values (the latter from global heap collections). Enough for the attributes Keras writes on the
 * root group (`model_config`, `keras_version`, `backend`); nothing else of the file is read.
 * Reference: HDF5 File Format Specification 3.0, sections II.A, IV.A, IV.A.2.d/f/m, III.E.
 */

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const MSG_ATTRIBUTE = 0x000c;
const MSG_CONTINUATION = 0x0010;
const MSG_ATTRIBUTE_INFO = 0x0015;
/** Superblocks may sit after a user block at 0, 512, 1024, 2048, ... */
const MAX_SUPERBLOCK_PROBES = 24;

export interface Hdf5Attribute {
  name: string;
  /** The string value, for string attributes whose name was asked for. */
  value?: string;
  /** Where the value's bytes are in the file (global heap object for variable-length strings). */
  region?: Region;
}

export interface Hdf5RootAttributes {
  superblockVersion: number;
  attributes: Hdf5Attribute[];
  /** True when the root group keeps (some) attributes in a dense-storage layout this reader does not walk. */
  denseAttributes: boolean;
}

interface Ctx {
  src: ByteSource;
  signal?: AbortSignal;
  offSize: number;
  lenSize: number;
  base: number;
  want: (name: string) => boolean;
}

class Buf {
  private readonly view: DataView;
  constructor(
    readonly data: Uint8Array,
    /** File offset of data[0]. */
    readonly at: number,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  check(pos: number, n: number): void {
    if (pos < 0 || pos + n > this.data.length) throw new ParseError(`HDF5 structure runs past its block at offset ${this.at + pos}`, { offset: this.at + Math.max(0, pos) });
  }
  u8(pos: number): number {
    this.check(pos, 1);
    return this.view.getUint8(pos);
  }
  u16(pos: number): number {
    this.check(pos, 2);
    return this.view.getUint16(pos, true);
  }
  u32(pos: number): number {
    this.check(pos, 4);
    return this.view.getUint32(pos, true);
  }
  /** An unsigned integer of 1-8 bytes; values past 2^53 (and the all-ones "undefined address") become Infinity. */
  uint(pos: number, size: number): number {
    this.check(pos, size);
    let v = 0;
    let allOnes = true;
    for (let i = size - 1; i >= 0; i--) {
      const b = this.view.getUint8(pos + i);
      if (b !== 0xff) allOnes = false;
      v = v * 256 + b;
    }
    return allOnes || v > Number.MAX_SAFE_INTEGER ? Infinity : v;
  }
  slice(pos: number, n: number): Uint8Array {
    this.check(pos, n);
    return this.data.subarray(pos, pos + n);
  }
}

async function readAt(c: Ctx, offset: number, length: number, what: string): Promise<Buf> {
  if (!Number.isFinite(offset) || offset < 0 || offset + length > c.src.size) throw new ParseError(`HDF5 ${what} at offset ${offset} (+${length}) lies outside the ${c.src.size}-byte file`, { offset: Number.isFinite(offset) ? offset : 0 });
  if (length > MAX_HDF5_ATTRIBUTE_BYTES + 65_536) throw new LimitExceededError("MAX_HDF5_ATTRIBUTE_BYTES", `HDF5 ${what} of ${length} bytes exceeds the bound`);
  const data = await c.src.read(offset, length, c.signal);
  if (data.length < length) throw new ParseError(`short read of HDF5 ${what} at offset ${offset}`, { offset });
  return new Buf(data, offset);
}

const decoder = new TextDecoder("utf-8");

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return decoder.decode(end < 0 ? b : b.subarray(0, end));
}

function pad8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

async function findSuperblock(src: ByteSource, signal?: AbortSignal): Promise<number> {
  for (let i = 0, at = 0; i < MAX_SUPERBLOCK_PROBES && at + 8 <= src.size; i++, at = at === 0 ? 512 : at * 2) {
    const sig = await src.read(at, 8, signal);
    if (SIGNATURE.every((b, k) => sig[k] === b)) return at;
  }
  throw new ParseError("no HDF5 superblock signature found");
}

/** Global heap collection (GCOL): returns the object with `index` and its file region. */
async function globalHeapObject(c: Ctx, collection: number, index: number): Promise<{ bytes: Uint8Array; region: Region }> {
  const head = await readAt(c, c.base + collection, 8 + c.lenSize, "global heap header");
  if (decoder.decode(head.slice(0, 4)) !== "GCOL") throw new ParseError(`no global heap collection at offset ${c.base + collection}`, { offset: c.base + collection });
  const size = head.uint(8, c.lenSize);
  if (size > MAX_HDF5_ATTRIBUTE_BYTES + 65_536) throw new LimitExceededError("MAX_HDF5_ATTRIBUTE_BYTES", `global heap collection of ${size} bytes exceeds the bound`);
  const col = await readAt(c, c.base + collection, size, "global heap collection");
  let pos = 8 + c.lenSize;
  while (pos + 8 + c.lenSize <= size) {
    const idx = col.u16(pos);
    const objSize = col.uint(pos + 8, c.lenSize);
    if (idx === 0) break;
    const dataAt = pos + 8 + c.lenSize;
    if (!Number.isFinite(objSize) || dataAt + objSize > size) throw new ParseError(`global heap object ${idx} runs past its collection`, { offset: col.at + pos });
    if (idx === index) return { bytes: col.slice(dataAt, objSize), region: { byteOffset: col.at + dataAt, byteLength: objSize } };
    pos = dataAt + pad8(objSize);
  }
  throw new ParseError(`global heap object ${index} not found in collection at offset ${c.base + collection}`, { offset: c.base + collection });
}

interface Message {
  type: number;
  data: Buf;
  /** Offset of the message data within `data`. */
  pos: number;
  size: number;
}

/** Decodes one attribute message; reads the value only for wanted names. */
async function attribute(c: Ctx, m: Message): Promise<Hdf5Attribute | undefined> {
  const b = m.data;
  let p = m.pos;
  const version = b.u8(p);
  const flags = b.u8(p + 1);
  const nameSize = b.u16(p + 2);
  const typeSize = b.u16(p + 4);
  const spaceSize = b.u16(p + 6);
  p += version === 3 ? 9 : 8;
  if (version < 1 || version > 3) throw new ParseError(`unknown HDF5 attribute message version ${version}`, { offset: b.at + m.pos });
  const align = version === 1 ? pad8 : (n: number) => n;
  const name = cString(b.slice(p, nameSize));
  p += align(nameSize);
  const typeAt = p;
  p += align(typeSize);
  const spaceAt = p;
  p += align(spaceSize);
  const dataAt = p;
  if (!c.want(name)) return { name };
  // Shared datatypes/dataspaces (flags bits 0-1) point elsewhere; Keras never writes them.
  if ((flags & 0x03) !== 0) return { name };
  if (b.u8(typeAt) >> 4 === 0 || typeSize < 8) return { name };
  const cls = b.u8(typeAt) & 0x0f;
  const elemSize = b.u32(typeAt + 4);
  const spaceVersion = b.u8(spaceAt);
  const rank = b.u8(spaceAt + 1);
  if (spaceVersion === 2 && b.u8(spaceAt + 3) === 2) return { name };
  if (rank > 1) return { name };
  if (cls === 3) {
    const bytes = b.slice(dataAt, Math.min(elemSize, b.data.length - dataAt));
    return { name, value: cString(bytes), region: { byteOffset: b.at + dataAt, byteLength: bytes.length } };
  }
  if (cls === 9 && (b.u8(typeAt + 1) & 0x0f) === 1) {
    const length = b.u32(dataAt);
    if (length > MAX_HDF5_ATTRIBUTE_BYTES) throw new LimitExceededError("MAX_HDF5_ATTRIBUTE_BYTES", `HDF5 attribute "${name}" claims ${length} bytes`);
    const collection = b.uint(dataAt + 4, c.offSize);
    const index = b.u32(dataAt + 4 + c.offSize);
    if (length === 0) return { name, value: "" };
    const obj = await globalHeapObject(c, collection, index);
    return { name, value: decoder.decode(obj.bytes.subarray(0, Math.min(length, obj.bytes.length))), region: obj.region };
  }
  return { name };
}

/** Messages of a v1 object header and its continuation blocks. */
async function* messagesV1(c: Ctx, address: number): AsyncGenerator<Message> {
  const prefix = await readAt(c, c.base + address, 16, "object header");
  if (prefix.u8(0) !== 1) throw new ParseError(`unknown HDF5 object header version ${prefix.u8(0)} at offset ${prefix.at}`, { offset: prefix.at });
  const blocks: [number, number][] = [[c.base + address + 16, prefix.u32(8)]];
  const seen = new Set<number>();
  let count = 0;
  while (blocks.length > 0) {
    const [at, len] = blocks.shift() as [number, number];
    if (seen.has(at)) throw new ParseError(`HDF5 object header continuation loops back to offset ${at}`, { offset: at });
    seen.add(at);
    const blk = await readAt(c, at, len, "object header block");
    let pos = 0;
    while (pos + 8 <= len) {
      if (++count > MAX_HDF5_HEADER_MESSAGES) throw new LimitExceededError("MAX_HDF5_HEADER_MESSAGES", `more than ${MAX_HDF5_HEADER_MESSAGES} HDF5 header messages`);
      const type = blk.u16(pos);
      const size = blk.u16(pos + 2);
      blk.check(pos + 8, size);
      if (type === MSG_CONTINUATION) blocks.push([c.base + blk.uint(pos + 8, c.offSize), blk.uint(pos + 8 + c.offSize, c.lenSize)]);
      else yield { type, data: blk, pos: pos + 8, size };
      pos += 8 + size;
    }
  }
}

/** Messages of a v2 ("OHDR") object header and its "OCHK" continuation blocks. */
async function* messagesV2(c: Ctx, address: number): AsyncGenerator<Message> {
  const prefix = await readAt(c, c.base + address, Math.min(32, c.src.size - c.base - address), "object header");
  if (decoder.decode(prefix.slice(0, 4)) !== "OHDR" || prefix.u8(4) !== 2) throw new ParseError(`no HDF5 object header at offset ${prefix.at}`, { offset: prefix.at });
  const flags = prefix.u8(5);
  let p = 6 + ((flags & 0x20) !== 0 ? 16 : 0) + ((flags & 0x10) !== 0 ? 4 : 0);
  const widths = [1, 2, 4, 8] as const;
  const width = widths[flags & 0x03] ?? 1;
  const chunk0 = prefix.uint(p, width);
  p += width;
  const creationOrder = (flags & 0x04) !== 0;
  const blocks: [number, number][] = [[c.base + address + p, chunk0]];
  const seen = new Set<number>();
  let count = 0;
  let first = true;
  while (blocks.length > 0) {
    const [at, len] = blocks.shift() as [number, number];
    if (seen.has(at)) throw new ParseError(`HDF5 object header continuation loops back to offset ${at}`, { offset: at });
    seen.add(at);
    const blk = await readAt(c, at, len, "object header block");
    let pos = 0;
    let end = len;
    if (!first) {
      if (decoder.decode(blk.slice(0, 4)) !== "OCHK") throw new ParseError(`no HDF5 continuation block at offset ${at}`, { offset: at });
      pos = 4;
      end = len - 4;
    }
    first = false;
    const head = creationOrder ? 6 : 4;
    while (pos + head <= end) {
      if (++count > MAX_HDF5_HEADER_MESSAGES) throw new LimitExceededError("MAX_HDF5_HEADER_MESSAGES", `more than ${MAX_HDF5_HEADER_MESSAGES} HDF5 header messages`);
      const type = blk.u8(pos);
      const size = blk.u16(pos + 1);
      blk.check(pos + head, size);
      if (type === MSG_CONTINUATION) blocks.push([c.base + blk.uint(pos + head, c.offSize), blk.uint(pos + head + c.offSize, c.lenSize)]);
      else yield { type, data: blk, pos: pos + head, size };
      pos += head + size;
    }
  }
}

/** Bytes needed for an unsigned value of `bits` bits. */
const bytesFor = (bits: number): number => Math.ceil(bits / 8);

/**
 * Dense attribute storage (File Format Spec III.G fractal heap, III.A.2 v2 B-tree type 8): the
 * attribute messages live as objects of a fractal heap, found through the name-index B-tree.
 * Read: a leaf-only B-tree (depth 0) over a heap whose root is one direct block, with managed or
 * tiny objects — what h5py/Keras write for a root group with a handful of attributes. Anything
 * else (indirect blocks, huge objects, filtered heaps, deeper trees) returns undefined: not read.
 */
async function* denseAttributes(c: Ctx, heapAddress: number, nameIndex: number): AsyncGenerator<Message | undefined> {
  const o = c.offSize;
  const l = c.lenSize;
  const h = await readAt(c, c.base + heapAddress, 22 + 12 * l + 3 * o + 8 + 4, "fractal heap header");
  if (decoder.decode(h.slice(0, 4)) !== "FRHP") throw new ParseError(`no HDF5 fractal heap at offset ${h.at}`, { offset: h.at });
  const idLength = h.u16(5);
  const filtersLength = h.u16(7);
  const heapFlags = h.u8(9);
  const maxManaged = h.u32(10);
  let p = 14 + l + o + l + o + 8 * l;
  const maxDirect = h.uint(p + 2 + l, l);
  const maxHeapBits = h.u16(p + 2 + 2 * l);
  const rootBlock = h.uint(p + 2 + 2 * l + 4, o);
  const currentRows = h.u16(p + 2 + 2 * l + 4 + o);
  if (filtersLength !== 0 || currentRows !== 0 || !Number.isFinite(rootBlock) || !Number.isFinite(maxDirect)) {
    yield undefined;
    return;
  }
  const offBytes = bytesFor(maxHeapBits);
  const lenBytes = Math.min(bytesFor(Math.ceil(Math.log2(maxDirect + 1))), bytesFor(Math.ceil(Math.log2(maxManaged + 1))));
  const bt = await readAt(c, c.base + nameIndex, 16 + o + 2 + l + 4, "attribute name index");
  if (decoder.decode(bt.slice(0, 4)) !== "BTHD" || bt.u8(5) !== 8) throw new ParseError(`no HDF5 attribute name index at offset ${bt.at}`, { offset: bt.at });
  const recordSize = bt.u16(10);
  const depth = bt.u16(12);
  const leaf = bt.uint(16, o);
  const records = bt.u16(16 + o);
  if (depth !== 0 || recordSize < idLength || !Number.isFinite(leaf)) {
    yield undefined;
    return;
  }
  if (records > MAX_HDF5_HEADER_MESSAGES) throw new LimitExceededError("MAX_HDF5_HEADER_MESSAGES", `more than ${MAX_HDF5_HEADER_MESSAGES} HDF5 attributes`);
  if (records === 0) return;
  const lf = await readAt(c, c.base + leaf, 6 + records * recordSize, "attribute name index leaf");
  if (decoder.decode(lf.slice(0, 4)) !== "BTLF") throw new ParseError(`no HDF5 B-tree leaf at offset ${lf.at}`, { offset: lf.at });
  const blockHeader = 5 + o + offBytes + ((heapFlags & 0x02) !== 0 ? 4 : 0);
  for (let i = 0; i < records; i++) {
    const id = lf.slice(6 + i * recordSize, idLength);
    const type = (id[0]! >> 4) & 0x03;
    if (type === 2) {
      // Tiny object: the attribute message is inside the heap ID itself.
      const len = (id[0]! & 0x0f) + 1;
      const obj = new Buf(id.subarray(1, 1 + len), lf.at + 6 + i * recordSize + 1);
      yield { type: MSG_ATTRIBUTE, data: obj, pos: 0, size: len };
      continue;
    }
    if (type !== 0) {
      yield undefined;
      continue;
    }
    const idBuf = new Buf(id, lf.at + 6 + i * recordSize);
    const offset = idBuf.uint(1, offBytes);
    const length = idBuf.uint(1 + offBytes, lenBytes);
    if (!Number.isFinite(offset) || !Number.isFinite(length) || offset < blockHeader || offset + length > maxDirect) {
      throw new ParseError(`HDF5 heap object at heap offset ${offset} (+${length}) lies outside the root direct block`, { offset: idBuf.at });
    }
    const obj = await readAt(c, c.base + rootBlock + offset, length, "attribute in dense storage");
    yield { type: MSG_ATTRIBUTE, data: obj, pos: 0, size: length };
  }
}

/** Reads the root group's attributes; `want` selects the names whose values are read. */
export async function readRootAttributes(src: ByteSource, want: (name: string) => boolean, signal?: AbortSignal): Promise<Hdf5RootAttributes> {
  const sb = await findSuperblock(src, signal);
  const head = await readAt({ src, offSize: 8, lenSize: 8, base: 0, want, ...(signal ? { signal } : {}) }, sb, Math.min(128, src.size - sb), "superblock");
  const version = head.u8(8);
  let offSize: number;
  let lenSize: number;
  let rootAddress: number;
  let base: number;
  if (version === 0 || version === 1) {
    offSize = head.u8(13);
    lenSize = head.u8(14);
    if (![2, 4, 8].includes(offSize) || ![2, 4, 8].includes(lenSize)) throw new ParseError(`bad HDF5 offset/length sizes ${offSize}/${lenSize}`, { offset: sb + 13 });
    const addrs = version === 0 ? 24 : 28;
    base = head.uint(addrs, offSize);
    // Root group symbol table entry: link name offset, then object header address.
    rootAddress = head.uint(addrs + 4 * offSize + offSize, offSize);
  } else if (version === 2 || version === 3) {
    offSize = head.u8(9);
    lenSize = head.u8(10);
    if (![2, 4, 8].includes(offSize) || ![2, 4, 8].includes(lenSize)) throw new ParseError(`bad HDF5 offset/length sizes ${offSize}/${lenSize}`, { offset: sb + 9 });
    base = head.uint(12, offSize);
    rootAddress = head.uint(12 + 3 * offSize, offSize);
  } else {
    throw new ParseError(`unknown HDF5 superblock version ${version}`, { offset: sb + 8 });
  }
  if (!Number.isFinite(base) || !Number.isFinite(rootAddress)) throw new ParseError("HDF5 superblock has an undefined root group address", { offset: sb });
  const c: Ctx = { src, offSize, lenSize, base, want, ...(signal ? { signal } : {}) };
  const probe = await readAt(c, base + rootAddress, 4, "root object header");
  const messages = decoder.decode(probe.slice(0, 4)) === "OHDR" ? messagesV2(c, rootAddress) : messagesV1(c, rootAddress);
  const out: Hdf5RootAttributes = { superblockVersion: version, attributes: [], denseAttributes: false };
  for await (const m of messages) {
    if (m.type === MSG_ATTRIBUTE) {
      const a = await attribute(c, m);
      if (a) out.attributes.push(a);
    } else if (m.type === MSG_ATTRIBUTE_INFO) {
      // Attribute Info: version, flags, [max creation index], fractal heap address, name index B-tree address.
      const flags = m.data.u8(m.pos + 1);
      const at = m.pos + 2 + ((flags & 0x01) !== 0 ? 2 : 0);
      const heap = m.data.uint(at, offSize);
      const nameIndex = m.data.uint(at + offSize, offSize);
      if (!Number.isFinite(heap)) continue;
      if (!Number.isFinite(nameIndex)) {
        out.denseAttributes = true;
        continue;
      }
      for await (const dm of denseAttributes(c, heap, nameIndex)) {
        if (dm === undefined) {
          out.denseAttributes = true;
          continue;
        }
        const a = await attribute(c, dm);
        if (a) out.attributes.push(a);
      }
    }
  }
  return out;
}
