import { LimitExceededError, ParseError } from "../errors.js";
import { MAX_PROTO_DEPTH, MAX_PROTO_FIELDS, MAX_PROTO_INLINE_BYTES } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/). */
export const WIRE = { varint: 0, i64: 1, len: 2, sgroup: 3, egroup: 4, i32: 5 } as const;

/** One field of a message; offsets are absolute in the source. */
export interface ProtoField {
  field: number;
  wire: number;
  /** Offset of the tag. */
  tagAt: number;
  /** Offset of the value (for `len`: of the payload). */
  at: number;
  /** Payload bytes for `len`, 8/4 for fixed, the varint's own size for `varint`. */
  length: number;
  /** The value of a varint field. */
  varint?: bigint;
}

/** A message: a byte range of the source, with its bytes when they are already in memory. */
export interface ProtoMessage {
  start: number;
  end: number;
  depth: number;
  /** Bytes of a range covering [start, end) and where that range starts. */
  mem?: { base: number; data: Uint8Array };
  /** While a large message is streamed: its current window, lent to submessages that fall inside it. */
  window?: { base: number; data: Uint8Array };
}

/** Messages at most this large are read whole once; larger ones (graphs holding weights) are streamed. */
const READ_WHOLE = 1024 * 1024;
const WINDOW = 64 * 1024;

/**
 * A bounded protobuf wire-format walker over a ByteSource. Small messages are read once and walked in
 * memory; large ones are walked through a sliding window, so `len` payloads that are not asked for
 * (raw tensor data) are skipped by length and never read. Fields visited (MAX_PROTO_FIELDS), depth
 * (MAX_PROTO_DEPTH) and bytes read inline (MAX_PROTO_INLINE_BYTES) are bounded.
 */
export class ProtoWalker {
  private visited = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly signal?: AbortSignal,
  ) {}

  root(): ProtoMessage {
    return { start: 0, end: this.source.size, depth: 0 };
  }

  /** The submessage held by a `len` field of `parent`. */
  sub(parent: ProtoMessage, f: ProtoField): ProtoMessage {
    if (f.wire !== WIRE.len) throw new ParseError(`field ${f.field} at offset ${f.tagAt} is not a message`, { offset: f.tagAt });
    if (parent.depth + 1 > MAX_PROTO_DEPTH) throw new LimitExceededError("MAX_PROTO_DEPTH", `protobuf messages nested deeper than ${MAX_PROTO_DEPTH}`);
    const m: ProtoMessage = { start: f.at, end: f.at + f.length, depth: parent.depth + 1 };
    const covering = [parent.mem, parent.window].find((w) => w && w.base <= m.start && w.base + w.data.length >= m.end);
    if (covering) m.mem = covering;
    return m;
  }

  /** The payload of a `len` field, refusing payloads over `max` bytes. */
  async bytes(msg: ProtoMessage, f: ProtoField, max = MAX_PROTO_INLINE_BYTES): Promise<Uint8Array> {
    if (f.wire !== WIRE.len) throw new ParseError(`field ${f.field} at offset ${f.tagAt} is not bytes`, { offset: f.tagAt });
    if (f.length > max) throw new LimitExceededError("MAX_PROTO_INLINE_BYTES", `protobuf field ${f.field} at offset ${f.at} holds ${f.length} bytes (bound ${max})`);
    for (const w of [msg.mem, msg.window]) {
      if (w && f.at >= w.base && f.at + f.length <= w.base + w.data.length) return w.data.subarray(f.at - w.base, f.at - w.base + f.length);
    }
    const got = await this.source.read(f.at, f.length, this.signal);
    if (got.length < f.length) throw new ParseError(`truncated protobuf field at offset ${f.at}`, { offset: f.at });
    return got;
  }

  async string(msg: ProtoMessage, f: ProtoField, max = MAX_PROTO_INLINE_BYTES): Promise<string> {
    return new TextDecoder("utf-8").decode(await this.bytes(msg, f, max));
  }

  /** Every field of `msg`, in order. `len` payloads are skipped unless the caller reads them. */
  async *fields(msg: ProtoMessage): AsyncGenerator<ProtoField> {
    if (!msg.mem && msg.end - msg.start <= READ_WHOLE) {
      const data = await this.source.read(msg.start, msg.end - msg.start, this.signal);
      if (data.length < msg.end - msg.start) throw new ParseError(`truncated protobuf message at offset ${msg.start}`, { offset: msg.start });
      msg.mem = { base: msg.start, data };
    }
    let win = msg.mem && msg.mem.base <= msg.start && msg.mem.base + msg.mem.data.length >= msg.end ? msg.mem : undefined;
    let pos = msg.start;
    const load = async (need: number): Promise<{ base: number; data: Uint8Array }> => {
      if (win && pos >= win.base && pos + need <= win.base + win.data.length) return win;
      const len = Math.min(msg.end - pos, Math.max(need, WINDOW));
      const data = await this.source.read(pos, len, this.signal);
      if (data.length < Math.min(need, len)) throw new ParseError(`truncated protobuf at offset ${pos}`, { offset: pos });
      win = { base: pos, data };
      msg.window = win;
      return win;
    };
    const varint = async (): Promise<bigint> => {
      const w = await load(Math.min(10, msg.end - pos));
      let v = 0n;
      let shift = 0n;
      for (let i = 0; i < 10; i++) {
        if (pos >= msg.end) throw new ParseError(`truncated varint at offset ${pos}`, { offset: pos });
        const b = w.data[pos - w.base];
        if (b === undefined) throw new ParseError(`truncated varint at offset ${pos}`, { offset: pos });
        pos++;
        v |= BigInt(b & 0x7f) << shift;
        if ((b & 0x80) === 0) return v;
        shift += 7n;
      }
      throw new ParseError(`varint longer than 10 bytes at offset ${pos}`, { offset: pos });
    };
    while (pos < msg.end) {
      if (++this.visited > MAX_PROTO_FIELDS) throw new LimitExceededError("MAX_PROTO_FIELDS", `more than ${MAX_PROTO_FIELDS} protobuf fields`);
      const tagAt = pos;
      const tag = await varint();
      const field = Number(tag >> 3n);
      const wire = Number(tag & 7n);
      if (field === 0 || field > 536_870_911) throw new ParseError(`invalid protobuf field number at offset ${tagAt}`, { offset: tagAt });
      const at = pos;
      let f: ProtoField;
      if (wire === WIRE.varint) {
        const v = await varint();
        f = { field, wire, tagAt, at, length: pos - at, varint: v };
      } else if (wire === WIRE.i64 || wire === WIRE.i32) {
        const n = wire === WIRE.i64 ? 8 : 4;
        if (pos + n > msg.end) throw new ParseError(`truncated fixed field at offset ${pos}`, { offset: pos });
        pos += n;
        f = { field, wire, tagAt, at, length: n };
      } else if (wire === WIRE.len) {
        const n = await varint();
        if (n > BigInt(msg.end - pos)) throw new ParseError(`protobuf field ${field} at offset ${tagAt} claims ${n} bytes, past the end of its message`, { offset: tagAt });
        f = { field, wire, tagAt, at: pos, length: Number(n) };
        pos += Number(n);
      } else {
        throw new ParseError(`unsupported protobuf wire type ${wire} at offset ${tagAt}`, { offset: tagAt });
      }
      yield f;
    }
  }
}

/** Decodes a varint field as a signed 64-bit value clamped to a JS number (versions, counts). */
export function varintNumber(f: ProtoField): number {
  const v = f.varint ?? 0n;
  return Number(BigInt.asIntN(64, v));
}
