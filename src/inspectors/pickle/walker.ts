import { LimitExceededError, ParseError } from "../../errors.js";
import {
  MAX_PICKLE_CONTAINER_KEPT,
  MAX_PICKLE_LINE_BYTES,
  MAX_PICKLE_MEMO_BYTES,
  MAX_PICKLE_MEMO_NAME_BYTES,
  MAX_PICKLE_OPCODES,
  MAX_PICKLE_STACK_DEPTH,
  MAX_PICKLE_STREAMS,
  MAX_PICKLE_STRING_KEPT,
} from "../../limits.js";
import { SliceByteSource } from "../../io/byte-source.js";
import { parsePickleInt } from "./py-int.js";
import type { ByteSource } from "../../types/artifact.js";
import { HIGHEST_PROTOCOL, OP, PROTO01_FIRST_OPCODES, opcodeName } from "./opcodes.js";
import {
  BUFFER,
  DROPPED,
  HUGE_INT,
  LONG_TEXT,
  PBytes,
  PCall,
  PDict,
  PGlobal,
  PLongStr,
  POpaque,
  PPersistent,
  PSeq,
  TORCH_LEGACY_MAGIC,
  type CallOpcode,
  type PValue,
  type SeqKind,
} from "./values.js";
import { decodeRawUnicodeEscape, decodeStringEscape } from "./text-escapes.js";
import { joblibArrayOf, type JoblibArray } from "./joblib-array.js";
import { PYTHON2_NAMES_BELOW_PROTOCOL, type Python2Names } from "./python2-names.js";

/** Bytes read from the source per refill: big enough to amortise reads, small enough to stay flat in memory. */
const CHUNK = 1024 * 1024;
/** Characters kept from a string that is longer than MAX_PICKLE_STRING_KEPT. */
const PREFIX_BYTES = 96;
/** Bytes of a skipped joblib array region checked for opcodes a plain pickle.load would run instead. */
const SHADOW_WALK_BYTES = 64 * 1024;

const S_STOP = 0;
const S_NEED = 1;
const S_LONG_LINE = 2;
const S_JOBLIB = 3;
const S_CONTINUE = 4;

/** Where a call's receiver came from: a bare imported object (mutating module state) or anything else. */
export type CallTarget = "global" | "value";

/** Receives what the walker finds, in stream order. */

/** Little-endian 4-byte opcode arguments, signed (BININT, LONG4, EXT4) and unsigned (lengths, memo keys). */
function i32le(buf: Uint8Array, at: number): number {
  return buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24);
}

function u32le(buf: Uint8Array, at: number): number {
  return i32le(buf, at) >>> 0;
}

export interface WalkSink {
  onGlobal(g: PGlobal, stream: number): void;
  onCall(c: PCall, stream: number, target: CallTarget): void;
  /** Bytes handed to a call that look like a pickle or a zip (a nested deserializer's input, B22). */
  onPayload(p: EmbeddedPayload, stream: number): void;
}

export type EmbeddedPayload = ({ offset: number; length: number } | { bytes: Uint8Array }) & { callOffset: number; kind: "pickle" | "zip" };

export interface StreamSummary {
  index: number;
  offset: number;
  end: number;
  protocol: number;
  opcodes: number;
  /** Walked after an earlier STOP; a parse error here means trailing data unless it imported something. */
  trailing: boolean;
  globals: number;
  calls: number;
  error?: { message: string; offset: number };
}

export interface WalkResult {
  streams: StreamSummary[];
  layout: "pickle" | "pytorch-legacy" | "joblib";
  /** PyTorch legacy: where the raw storage bytes start (not walked). */
  rawStorageOffset?: number;
  /** Bytes after the last pickle that are not a pickle. */
  trailing?: { offset: number; length: number };
  memoOverflow: boolean;
  /** Opcodes that straddle a FRAME boundary: CPython's C and Python unpicklers disagree on these (cpython#154848). */
  frameViolations: number;
  joblibArrays: number;
  /** Bytes jumped over without reading (large blobs, joblib arrays). */
  bytesSkipped: number;
}

interface StreamState {
  stack: PValue[];
  marks: number[];
  fence: number;
  memoArr: PValue[];
  memoMap: Map<number, PValue>;
  memoLen: number;
  memoBytes: number;
  memoNameBytes: number;
  proto: number;
  opcodes: number;
  frameEnd: number;
}

function newState(): StreamState {
  return { stack: [], marks: [], fence: 0, memoArr: [], memoMap: new Map(), memoLen: 0, memoBytes: 0, memoNameBytes: 0, proto: 0, opcodes: 0, frameEnd: -1 };
}

const EMPTY = Buffer.alloc(0);

/** Buffer's native decoders, called directly to skip toString's argument normalisation on the hot path. */
interface FastSlices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function memoCost(v: PValue): number {
  if (typeof v === "string") return 40 + v.length;
  if (v !== null && typeof v === "object") return v instanceof PSeq || v instanceof PDict ? 96 + 8 * MAX_PICKLE_CONTAINER_KEPT : 64;
  return 16;
}

/** A string that could be a module or attribute name: short, identifier characters and dots. */
function isName(v: PValue): boolean {
  if (typeof v !== "string" || v.length === 0 || v.length > 128) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e)) return false;
  }
  return true;
}

function isPickleHead(b0: number, b1: number): boolean {
  return (b0 === 0x80 && b1 >= 2 && b1 <= HIGHEST_PROTOCOL) || (b0 === 0x50 && b1 === 0x4b);
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** First stream must start here (default 0). */
  start?: number;
  /** Only walk one stream (used for the joblib shadow walk). */
  single?: boolean;
  /** Treat every stream as trailing (lenient): errors are recorded, not thrown. */
  lenient?: boolean;
  /** Bytes per read (default 1 MiB); tests use tiny chunks to exercise every refill path. */
  chunkSize?: number;
  /** CPython's Python 2 name rewriting for protocols below 3 (rules/_lists/pickle-python2-names.yaml). */
  python2Names?: Python2Names;
}

/**
 * Walks pickle opcodes as CPython's C unpickler would execute them, without executing anything:
 * a symbolic stack and memo resolve every import (GLOBAL, STACK_GLOBAL through the memo, INST,
 * EXT codes) and every call (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ, BUILD) with its constant
 * arguments. Bytes are read in chunks through the ByteSource; big blobs are skipped by offset.
 */
export class PickleWalker {
  private buf: Buffer = EMPTY;
  private bufStart = 0;
  private p = 0;
  private end = 0;
  private need = 0;
  private st: StreamState = newState();
  private streamIndex = 0;
  private streamGlobals = 0;
  private streamCalls = 0;
  private joblibEnabled = true;
  private pendingArray: JoblibArray | undefined;
  private limitHit: LimitExceededError | undefined;
  /** The last names memoized after the memo bound, promoted into the memo when a STACK_GLOBAL uses them. */
  private readonly ringKeys = [-1, -1, -1, -1];
  private readonly ringVals: PValue[] = [null, null, null, null];
  private ringAt = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64Bytes = new Uint8Array(this.f64.buffer);
  private readonly result: WalkResult = { streams: [], layout: "pickle", memoOverflow: false, frameViolations: 0, joblibArrays: 0, bytesSkipped: 0 };

  constructor(
    private readonly src: ByteSource,
    private readonly sink: WalkSink,
    private readonly opts: WalkOptions = {},
  ) {}

  /** What was walked so far, also after walk() threw. */
  get partial(): WalkResult {
    return this.result;
  }

  private get size(): number {
    return this.src.size;
  }

  /** Walks every pickle in the source, back to back, and returns what it saw. Throws ParseError/LimitExceededError after the sink got everything found before the problem. */
  async walk(): Promise<WalkResult> {
    const r = this.result;
    let pos = this.opts.start ?? 0;
    let legacy = false;
    for (let index = 0; pos < this.size; index++) {
      if (index >= MAX_PICKLE_STREAMS) throw new LimitExceededError("MAX_PICKLE_STREAMS", `more than ${MAX_PICKLE_STREAMS} pickles back to back; the rest of the file was not walked`);
      const trailing = this.opts.lenient === true || (index > 0 && !legacy);
      if (trailing && !(await this.plausibleStart(pos))) {
        r.trailing = { offset: pos, length: this.size - pos };
        break;
      }
      const { summary, value } = await this.walkStream(pos, index, trailing);
      r.streams.push(summary);
      if (this.limitHit) throw this.limitHit;
      if (summary.error) {
        if (!trailing) throw new ParseError(summary.error.message, { offset: summary.error.offset });
        if (summary.globals === 0 && summary.calls === 0) r.trailing = { offset: pos, length: this.size - pos };
        break;
      }
      if (index === 0 && value === TORCH_LEGACY_MAGIC) {
        legacy = true;
        r.layout = "pytorch-legacy";
      }
      pos = summary.end;
      // torch/serialization.py _legacy_load: magic, protocol, sys_info, the object, storage keys, then raw storage bytes.
      if (legacy && index === 4) {
        if (pos < this.size) r.rawStorageOffset = pos;
        break;
      }
      if (this.opts.single) break;
    }
    if (legacy && r.streams.length < 5) throw new ParseError(`PyTorch legacy file ends after ${r.streams.length} of its 5 pickles`, { offset: this.size });
    return r;
  }

  private async plausibleStart(pos: number): Promise<boolean> {
    const head = await this.src.read(pos, 2, this.opts.signal);
    const b0 = head[0];
    if (b0 === undefined) return false;
    if (b0 === OP.PROTO) return (head[1] ?? 99) <= HIGHEST_PROTOCOL;
    return PROTO01_FIRST_OPCODES.has(b0);
  }

  private async walkStream(pos: number, index: number, trailing: boolean): Promise<{ summary: StreamSummary; value: PValue | undefined }> {
    this.streamIndex = index;
    this.streamGlobals = 0;
    this.streamCalls = 0;
    this.st = newState();
    this.seek(pos);
    const summary: StreamSummary = { index, offset: pos, end: pos, protocol: 0, opcodes: 0, trailing, globals: 0, calls: 0 };
    let value: PValue | undefined;
    try {
      value = await this.run();
    } catch (e) {
      if (e instanceof LimitExceededError) this.limitHit = e;
      else if (e instanceof ParseError) summary.error = { message: e.message, offset: e.offset ?? this.bufStart + this.p };
      else throw e;
    } finally {
      summary.end = this.bufStart + this.p;
      summary.protocol = this.st.proto;
      summary.opcodes = this.st.opcodes;
      summary.globals = this.streamGlobals;
      summary.calls = this.streamCalls;
    }
    return { summary, value };
  }

  /** Runs opcodes of the current stream until STOP; returns the pickled value. */
  private async run(): Promise<PValue> {
    for (;;) {
      this.opts.signal?.throwIfAborted();
      const status = this.step();
      if (status === S_STOP) return this.st.stack.pop() ?? null;
      if (status === S_NEED) await this.refill(this.need);
      else if (status === S_LONG_LINE) await this.skipLongLine();
      else if (status === S_JOBLIB) await this.joblibArray();
    }
  }

  private seek(abs: number): void {
    if (abs >= this.bufStart && abs <= this.bufStart + this.end) {
      this.p = abs - this.bufStart;
      return;
    }
    this.buf = EMPTY;
    this.bufStart = abs;
    this.p = 0;
    this.end = 0;
  }

  /** Moves `n` bytes forward from the current position without reading them. */
  private skip(n: number, what: string): void {
    const abs = this.bufStart + this.p;
    if (abs + n > this.size) throw new ParseError(`pickle data was truncated: ${what} of ${n} bytes at offset ${hex(abs)} runs past the end of the file`, { offset: abs });
    if (this.p + n > this.end) this.result.bytesSkipped += this.p + n - this.end;
    this.seek(abs + n);
  }

  private async refill(need: number): Promise<void> {
    const abs = this.bufStart + this.p;
    if (abs + need > this.size) {
      const op = this.p < this.end ? opcodeName(this.buf[this.p]!) : "an opcode";
      throw new ParseError(
        abs >= this.size ? `pickle data was truncated: no STOP before the end of the file at offset ${hex(abs)}` : `pickle data was truncated: ${op} at offset ${hex(abs)} needs ${need} bytes, ${this.size - abs} left`,
        { offset: abs },
      );
    }
    const keep = this.end - this.p;
    const len = Math.min(this.size - abs, Math.max(this.opts.chunkSize ?? CHUNK, need));
    const fresh = await this.src.read(abs + keep, len - keep, this.opts.signal);
    let next: Uint8Array;
    if (keep > 0) {
      next = new Uint8Array(keep + fresh.length);
      next.set(this.buf.subarray(this.p, this.end));
      next.set(fresh, keep);
    } else next = fresh;
    if (next.length < need) throw new ParseError(`pickle data was truncated: short read at offset ${hex(abs)}`, { offset: abs });
    this.buf = toBuffer(next);
    this.bufStart = abs;
    this.p = 0;
    this.end = next.length;
  }

  private fail(message: string, at: number): never {
    throw new ParseError(`${message} at offset ${hex(this.bufStart + at)}`, { offset: this.bufStart + at });
  }

  // ---- stack helpers (mirror _pickle.c Pdata: pops never cross the innermost MARK) ----

  private push(v: PValue): void {
    const s = this.st.stack;
    if (s.length >= MAX_PICKLE_STACK_DEPTH) throw new LimitExceededError("MAX_PICKLE_STACK_DEPTH", `pickle stack deeper than ${MAX_PICKLE_STACK_DEPTH} values`);
    s.push(v);
  }

  private pop(at: number): PValue {
    const st = this.st;
    if (st.stack.length <= st.fence) this.fail("unpickling stack underflow", at);
    return st.stack.pop()!;
  }

  private top(at: number): PValue {
    const st = this.st;
    if (st.stack.length <= st.fence) this.fail("unpickling stack underflow", at);
    return st.stack[st.stack.length - 1]!;
  }

  /** Pops the innermost MARK and returns the values above it (the first few kept) and their count. */
  private popMark(at: number): { items: PValue[]; count: number; all: PValue[] | undefined } {
    const st = this.st;
    const m = st.marks.pop();
    if (m === undefined) this.fail("could not find MARK", at);
    const count = st.stack.length - m;
    const items = st.stack.slice(m, m + MAX_PICKLE_CONTAINER_KEPT);
    st.stack.length = m;
    st.fence = st.marks.length > 0 ? st.marks[st.marks.length - 1]! : 0;
    return { items, count, all: undefined };
  }

  // ---- memo ----

  private memoGet(key: number, at: number): PValue {
    const st = this.st;
    const v = key < st.memoArr.length ? st.memoArr[key] : st.memoMap.get(key);
    if (v !== undefined) return v;
    if (this.result.memoOverflow) return DROPPED;
    return this.fail(`memo value not found at index ${key}`, at);
  }

  private memoPut(key: number, v: PValue): void {
    const st = this.st;
    const known = key < st.memoArr.length ? st.memoArr[key] !== undefined : st.memoMap.has(key);
    if (!known) st.memoLen++;
    if (st.memoBytes > MAX_PICKLE_MEMO_BYTES) {
      this.result.memoOverflow = true;
      // Past the bound keep only what resolving imports and joblib arrays needs: imported globals and
      // the objects they built (dtypes fetched again by BINGET). Names are parked in a small ring and
      // kept only if a STACK_GLOBAL then uses them, which is how pickle.py's save_global memoizes them.
      if (v instanceof PGlobal || (v instanceof PCall && v.callee instanceof PGlobal)) {
        if (st.memoNameBytes < MAX_PICKLE_MEMO_NAME_BYTES) {
          st.memoNameBytes += memoCost(v);
          this.memoStore(key, v);
          return;
        }
      } else if (isName(v)) {
        const i = this.ringAt++ & 3;
        this.ringKeys[i] = key;
        this.ringVals[i] = v;
      }
      // A value we cannot keep must not shadow an older one under the same key.
      if (known) {
        if (key < st.memoArr.length) st.memoArr[key] = DROPPED;
        else st.memoMap.set(key, DROPPED);
      }
      return;
    }
    st.memoBytes += memoCost(v);
    this.memoStore(key, v);
  }

  private promoteNames(...vals: PValue[]): void {
    const st = this.st;
    for (const v of vals) {
      const i = this.ringVals.indexOf(v);
      if (i < 0 || typeof v !== "string" || st.memoNameBytes >= MAX_PICKLE_MEMO_NAME_BYTES) continue;
      st.memoNameBytes += memoCost(v);
      this.memoStore(this.ringKeys[i]!, v);
      this.ringVals[i] = null;
    }
  }

  private memoStore(key: number, v: PValue): void {
    const st = this.st;
    if (key < st.memoArr.length) st.memoArr[key] = v;
    else if (key === st.memoArr.length) st.memoArr.push(v);
    else st.memoMap.set(key, v);
  }

  // ---- values ----

  private text(start: number, len: number, enc: "utf8" | "latin1"): PValue {
    if (len <= MAX_PICKLE_STRING_KEPT) return enc === "utf8" ? (this.buf as unknown as FastSlices).utf8Slice(start, start + len) : (this.buf as unknown as FastSlices).latin1Slice(start, start + len);
    return new PLongStr(this.buf.toString(enc, start, start + Math.min(PREFIX_BYTES, this.end - start)), len);
  }

  private seq(kind: SeqKind, items: PValue[], count: number): PSeq {
    return new PSeq(kind, items.length > MAX_PICKLE_CONTAINER_KEPT ? items.slice(0, MAX_PICKLE_CONTAINER_KEPT) : items, count);
  }

  private global(module: PValue, name: PValue, at: number, len: number, via: "GLOBAL" | "STACK_GLOBAL" | "INST"): PGlobal {
    const abs = this.bufStart + at;
    let g: PGlobal;
    if (typeof module === "string" && typeof name === "string") {
      // find_class rewrites Python 2 names before importing when the stream's protocol is below 3.
      const to = this.st.proto < PYTHON2_NAMES_BELOW_PROTOCOL ? this.opts.python2Names?.rewrite(module, name) : undefined;
      g = to ? new PGlobal(to[0], to[1], abs, len, via, undefined, undefined, `${module}.${name}`) : new PGlobal(module, name, abs, len, via);
    } else {
      const why = (v: PValue): string | undefined => {
        if (typeof v === "string") return undefined;
        if (v === DROPPED) return "taken from a memo entry dropped after the memo bound";
        if (v instanceof PLongStr) return `a string of ${v.length} characters`;
        if (v instanceof PCall || v instanceof PPersistent || v instanceof POpaque) return "computed while unpickling";
        return undefined;
      };
      const reason = why(module) ?? why(name);
      // _pickle.c: "STACK_GLOBAL requires str" for anything that cannot be a str at run time.
      if (reason === undefined) this.fail("STACK_GLOBAL requires str", at);
      g = new PGlobal(typeof module === "string" ? module : null, typeof name === "string" ? name : null, abs, len, via, reason);
    }
    this.streamGlobals++;
    this.sink.onGlobal(g, this.streamIndex);
    return g;
  }

  private call(callee: PValue, args: PValue, kwargs: PValue | undefined, opcode: CallOpcode, at: number): PCall {
    const c = new PCall(callee, args, kwargs, opcode, this.bufStart + at);
    this.streamCalls++;
    this.sink.onCall(c, this.streamIndex, callee instanceof PGlobal ? "global" : "value");
    if (args instanceof PSeq) for (const a of args.items) this.payloadOf(a, c);
    return c;
  }

  /** Mutation of whatever sits below: reported only when it is a bare global (module state), e.g. `GLOBAL x y; BUILD`. */
  private mutate(target: PValue, arg: PValue, opcode: CallOpcode, at: number): void {
    if (target instanceof PGlobal) {
      this.streamCalls++;
      this.sink.onCall(new PCall(target, arg, undefined, opcode, this.bufStart + at), this.streamIndex, "global");
    }
  }

  private payloadOf(a: PValue, c: PCall): void {
    if (a instanceof PBytes && a.head >= 0 && isPickleHead(a.head >> 8, a.head & 0xff)) {
      this.sink.onPayload({ offset: a.offset, length: a.length, callOffset: c.offset, kind: a.head >> 8 === 0x80 ? "pickle" : "zip" }, this.streamIndex);
    } else if (typeof a === "string" && a.length >= 2 && isPickleHead(a.charCodeAt(0), a.charCodeAt(1))) {
      // Python 2 era payloads: `pickle.loads(_codecs.encode("\x80\x02…", "latin1"))` or a str argument.
      this.sink.onPayload({ bytes: Buffer.from(a, "latin1"), callOffset: c.offset, kind: a.charCodeAt(0) === 0x80 ? "pickle" : "zip" }, this.streamIndex);
    }
  }

  // ---- the opcode loop ----

  /** Executes opcodes while they are whole in the window; returns why it stopped. */
  private step(): number {
    const buf = this.buf;
    const end = this.end;
    const st = this.st;
    const stack = st.stack;
    let p = this.p;
    // The opcode count lives in a local on the hot path; every exit below writes it back.
    let ops = st.opcodes;
    let status = S_NEED;
    loop: for (;;) {
      if (p >= end) {
        this.p = p;
        this.need = 1;
        status = S_NEED;
        break loop;
      }
      if (++ops > MAX_PICKLE_OPCODES) throw new LimitExceededError("MAX_PICKLE_OPCODES", `more than ${MAX_PICKLE_OPCODES} opcodes in one pickle`);
      const op = buf[p]!;
      const avail = end - p;
      let n = 1;
      switch (op) {
        case OP.BININT1:
          if (avail < 2) {
            n = 2;
            break;
          }
          if (stack.length >= MAX_PICKLE_STACK_DEPTH) this.push(null);
          stack.push(buf[p + 1]!);
          n = 2;
          break;
        case OP.BININT2:
          if (avail < 3) {
            n = 3;
            break;
          }
          if (stack.length >= MAX_PICKLE_STACK_DEPTH) this.push(null);
          stack.push(buf[p + 1]! | (buf[p + 2]! << 8));
          n = 3;
          break;
        case OP.BININT:
          if (avail < 5) {
            n = 5;
            break;
          }
          this.push(i32le(buf, p + 1));
          n = 5;
          break;
        case OP.BINFLOAT:
          if (avail < 9) {
            n = 9;
            break;
          }
          // BINFLOAT is big-endian; the overlay is little-endian on every platform Node runs on.
          for (let i = 0; i < 8; i++) this.f64Bytes[7 - i] = buf[p + 1 + i]!;
          this.push(this.f64[0]!);
          n = 9;
          break;
        case OP.NONE:
          this.push(null);
          break;
        case OP.NEWTRUE:
          this.push(true);
          break;
        case OP.NEWFALSE:
          this.push(false);
          break;
        case OP.LONG1:
        case OP.LONG4: {
          const h = op === OP.LONG1 ? 2 : 5;
          if (avail < h) {
            n = h;
            break;
          }
          const len = op === OP.LONG1 ? buf[p + 1]! : i32le(buf, p + 1);
          if (len < 0) this.fail("LONG pickle has negative byte count", p);
          if (len > 64) {
            this.push(HUGE_INT);
            this.p = p;
            this.skip(h + len, "LONG4");
            status = S_CONTINUE;
            break loop;
          }
          if (avail < h + len) {
            n = h + len;
            break;
          }
          this.push(decodeLong(buf, p + h, len));
          n = h + len;
          break;
        }
        case OP.SHORT_BINUNICODE:
        case OP.SHORT_BINSTRING:
        case OP.SHORT_BINBYTES: {
          if (avail < 2) {
            n = 2;
            break;
          }
          const len = buf[p + 1]!;
          if (avail < 2 + len) {
            n = 2 + len;
            break;
          }
          if (op === OP.SHORT_BINBYTES) this.push(new PBytes(this.bufStart + p + 2, len, len >= 2 ? (buf[p + 2]! << 8) | buf[p + 3]! : -1, false));
          else if (op === OP.SHORT_BINUNICODE) {
            if (stack.length >= MAX_PICKLE_STACK_DEPTH) this.push(null);
            stack.push((buf as unknown as FastSlices).utf8Slice(p + 2, p + 2 + len));
          } else this.push(this.text(p + 2, len, "latin1"));
          n = 2 + len;
          break;
        }
        case OP.BINUNICODE:
        case OP.BINSTRING:
        case OP.BINBYTES:
        case OP.BINUNICODE8:
        case OP.BINBYTES8:
        case OP.BYTEARRAY8: {
          const wide = op === OP.BINUNICODE8 || op === OP.BINBYTES8 || op === OP.BYTEARRAY8;
          const h = wide ? 9 : 5;
          if (avail < h) {
            n = h;
            break;
          }
          let len: number;
          if (wide) {
            const lo = u32le(buf, p + 1);
            const hi = (buf[p + 5]! | (buf[p + 6]! << 8) | (buf[p + 7]! << 16) | (buf[p + 8]! << 24)) >>> 0;
            if (hi > 0x1fffff) this.fail(`${opcodeName(op)} length does not fit in memory`, p);
            len = hi * 0x100000000 + lo;
          } else {
            len = u32le(buf, p + 1);
            if (op === OP.BINSTRING && len > 0x7fffffff) this.fail("BINSTRING pickle has negative byte count", p);
          }
          const isBytes = op === OP.BINBYTES || op === OP.BINBYTES8 || op === OP.BYTEARRAY8;
          if (isBytes) {
            const head = avail >= h + 2 && len >= 2 ? (buf[p + h]! << 8) | buf[p + h + 1]! : -1;
            this.push(new PBytes(this.bufStart + p + h, len, head, op === OP.BYTEARRAY8));
            if (avail >= h + len) {
              n = h + len;
              break;
            }
            this.p = p;
            this.skip(h + len, opcodeName(op));
            status = S_CONTINUE;
            break loop;
          }
          if (len <= MAX_PICKLE_STRING_KEPT) {
            if (avail < h + len) {
              n = h + len;
              break;
            }
            this.push(this.text(p + h, len, op === OP.BINSTRING ? "latin1" : "utf8"));
            n = h + len;
            break;
          }
          // A long string: keep a prefix, jump over the rest.
          if (avail < h + PREFIX_BYTES && this.bufStart + end < this.size) {
            n = h + PREFIX_BYTES;
            break;
          }
          this.push(new PLongStr(buf.toString(op === OP.BINSTRING ? "latin1" : "utf8", p + h, Math.min(end, p + h + PREFIX_BYTES)), len));
          if (avail >= h + len) {
            n = h + len;
            break;
          }
          this.p = p;
          this.skip(h + len, opcodeName(op));
          status = S_CONTINUE;
          break loop;
        }
        case OP.EMPTY_LIST:
          this.push(new PSeq("list", [], 0));
          break;
        case OP.EMPTY_TUPLE:
          this.push(new PSeq("tuple", [], 0));
          break;
        case OP.EMPTY_DICT:
          this.push(new PDict());
          break;
        case OP.EMPTY_SET:
          this.push(new PSeq("set", [], 0));
          break;
        case OP.TUPLE1:
        case OP.TUPLE2:
        case OP.TUPLE3: {
          const k = op - OP.TUPLE1 + 1;
          if (stack.length - k < st.fence) this.fail("unpickling stack underflow", p);
          let items: PValue[];
          if (k === 1) items = [stack.pop()!];
          else if (k === 2) {
            const b = stack.pop()!;
            items = [stack.pop()!, b];
          } else {
            const c3 = stack.pop()!;
            const b = stack.pop()!;
            items = [stack.pop()!, b, c3];
          }
          stack.push(new PSeq("tuple", items, k));
          break;
        }
        case OP.MARK:
          if (st.marks.length >= MAX_PICKLE_STACK_DEPTH) throw new LimitExceededError("MAX_PICKLE_STACK_DEPTH", `more than ${MAX_PICKLE_STACK_DEPTH} open MARKs`);
          st.marks.push(stack.length);
          st.fence = stack.length;
          break;
        case OP.TUPLE:
        case OP.LIST:
        case OP.FROZENSET: {
          const { items, count } = this.popMark(p);
          this.push(this.seq(op === OP.TUPLE ? "tuple" : op === OP.LIST ? "list" : "frozenset", items, count));
          break;
        }
        case OP.DICT: {
          const { items, count } = this.popMark(p);
          if (count % 2 !== 0) this.fail("odd number of items for DICT", p);
          const d = new PDict();
          this.fillDict(d, items, count);
          this.push(d);
          break;
        }
        case OP.APPEND: {
          const v = this.pop(p);
          const list = this.top(p);
          if (list instanceof PSeq) this.addItems(list, [v], 1);
          else this.mutate(list, v, "APPEND", p);
          break;
        }
        case OP.APPENDS:
        case OP.ADDITEMS: {
          const { items, count } = this.popMark(p);
          const target = this.top(p);
          if (target instanceof PSeq) this.addItems(target, items, count);
          else this.mutate(target, this.seq("list", items, count), op === OP.APPENDS ? "APPENDS" : "ADDITEMS", p);
          break;
        }
        case OP.SETITEM: {
          const v = this.pop(p);
          const k = this.pop(p);
          const d = this.top(p);
          if (d instanceof PDict) this.fillDict(d, [k, v], 2);
          else this.mutate(d, new PSeq("tuple", [k, v], 2), "SETITEM", p);
          break;
        }
        case OP.SETITEMS: {
          const { items, count } = this.popMark(p);
          if (count % 2 !== 0) this.fail("odd number of items for SETITEMS", p);
          const d = this.top(p);
          if (d instanceof PDict) this.fillDict(d, items, count);
          else this.mutate(d, this.seq("tuple", items, count), "SETITEMS", p);
          break;
        }
        case OP.POP: {
          // _pickle.c load_pop: a MARK sitting exactly at the top is popped instead of a value.
          const m = st.marks.length;
          if (m > 0 && st.marks[m - 1] === stack.length) {
            st.marks.pop();
            st.fence = st.marks.length > 0 ? st.marks[st.marks.length - 1]! : 0;
          } else {
            this.pop(p);
          }
          break;
        }
        case OP.POP_MARK:
          this.popMark(p);
          break;
        case OP.DUP:
          this.push(this.top(p));
          break;
        case OP.BINPUT:
        case OP.LONG_BINPUT: {
          const h = op === OP.BINPUT ? 2 : 5;
          if (avail < h) {
            n = h;
            break;
          }
          const key = op === OP.BINPUT ? buf[p + 1]! : u32le(buf, p + 1);
          this.memoPut(key, this.top(p));
          n = h;
          break;
        }
        case OP.MEMOIZE:
          this.memoPut(st.memoLen, this.top(p));
          break;
        case OP.BINGET:
        case OP.LONG_BINGET: {
          const h = op === OP.BINGET ? 2 : 5;
          if (avail < h) {
            n = h;
            break;
          }
          const key = op === OP.BINGET ? buf[p + 1]! : u32le(buf, p + 1);
          this.push(this.memoGet(key, p));
          n = h;
          break;
        }
        case OP.STACK_GLOBAL: {
          const name = this.pop(p);
          const module = this.pop(p);
          if (this.result.memoOverflow) this.promoteNames(module, name);
          this.push(this.global(module, name, p, 1, "STACK_GLOBAL"));
          break;
        }
        case OP.REDUCE: {
          const args = this.pop(p);
          const fn = this.pop(p);
          this.push(this.call(fn, args, undefined, "REDUCE", p));
          break;
        }
        case OP.NEWOBJ: {
          const args = this.pop(p);
          const cls = this.pop(p);
          this.push(this.call(cls, args, undefined, "NEWOBJ", p));
          break;
        }
        case OP.NEWOBJ_EX: {
          const kwargs = this.pop(p);
          const args = this.pop(p);
          const cls = this.pop(p);
          this.push(this.call(cls, args, kwargs, "NEWOBJ_EX", p));
          break;
        }
        case OP.OBJ: {
          const { items, count } = this.popMark(p);
          if (count < 1) this.fail("unpickling stack underflow", p);
          const all = items.slice(1);
          this.push(this.call(items[0]!, new PSeq("tuple", all, count - 1), undefined, "OBJ", p));
          break;
        }
        case OP.BUILD: {
          const state = this.pop(p);
          const inst = this.top(p);
          if (inst instanceof PCall) {
            inst.state = state;
            this.streamCalls++;
            this.sink.onCall(new PCall(inst, state, undefined, "BUILD", this.bufStart + p), this.streamIndex, "value");
            if (this.joblibEnabled) {
              const arr = joblibArrayOf(inst, state);
              if (arr) {
                this.pendingArray = arr;
                this.p = p + 1;
                status = S_JOBLIB;
                break loop;
              }
            }
          } else this.mutate(inst, state, "BUILD", p);
          break;
        }
        case OP.BINPERSID:
          this.push(new PPersistent(this.pop(p)));
          break;
        case OP.NEXT_BUFFER:
          this.push(BUFFER);
          break;
        case OP.READONLY_BUFFER:
          this.top(p);
          break;
        case OP.PROTO: {
          if (avail < 2) {
            n = 2;
            break;
          }
          const v = buf[p + 1]!;
          if (v > HIGHEST_PROTOCOL) this.fail(`unsupported pickle protocol: ${v}`, p);
          st.proto = v;
          n = 2;
          break;
        }
        case OP.FRAME: {
          if (avail < 9) {
            n = 9;
            break;
          }
          const lo = u32le(buf, p + 1);
          const hi = (buf[p + 5]! | (buf[p + 6]! << 8) | (buf[p + 7]! << 16) | (buf[p + 8]! << 24)) >>> 0;
          const len = hi * 0x100000000 + lo;
          const start = this.bufStart + p + 9;
          // pickle.py refuses a new frame before the current one is consumed; _pickle.c does not (cpython#154848).
          if (st.frameEnd >= 0 && this.bufStart + p < st.frameEnd) this.result.frameViolations++;
          st.frameEnd = start + len;
          // _pickle.c load_frame reads the whole frame up front and stops on a frame past the end; pickle.py
          // takes what is there and reads on, so the walk goes on too.
          if (start + len > this.size) {
            this.result.frameViolations++;
            st.frameEnd = -1;
          }
          n = 9;
          break;
        }
        case OP.EXT1:
        case OP.EXT2:
        case OP.EXT4: {
          const h = op === OP.EXT1 ? 2 : op === OP.EXT2 ? 3 : 5;
          if (avail < h) {
            n = h;
            break;
          }
          const code = op === OP.EXT1 ? buf[p + 1]! : op === OP.EXT2 ? buf[p + 1]! | (buf[p + 2]! << 8) : i32le(buf, p + 1);
          if (code <= 0) this.fail(`${opcodeName(op)} specifies code <= 0`, p);
          const g = new PGlobal(null, null, this.bufStart + p, h, "EXT", "copyreg extension registry code", code);
          this.streamGlobals++;
          this.sink.onGlobal(g, this.streamIndex);
          this.push(g);
          n = h;
          break;
        }
        case OP.STOP:
          // run() pops the value; an empty stack (above the innermost MARK) is an underflow in _pickle.c.
          if (stack.length <= st.fence) this.fail("unpickling stack underflow", p);
          this.p = p + 1;
          status = S_STOP;
          break loop;
        default: {
          const r = this.lineOp(op, p, avail);
          if (r < 0) {
            ops--;
            this.p = p;
            status = -r;
            break loop;
          }
          n = r;
        }
      }
      if (n > avail) {
        ops--;
        this.p = p;
        this.need = n;
        status = S_NEED;
        break loop;
      }
      if (st.frameEnd >= 0) this.frameCheck(p, n);
      p += n;
    }
    st.opcodes = ops;
    return status;
  }

  /** pickle.py's _Unframer refuses an opcode that runs past the end of its frame; _pickle.c reads on (cpython#154848). */
  private frameCheck(p: number, n: number): void {
    const st = this.st;
    const at = this.bufStart + p;
    if (at >= st.frameEnd) st.frameEnd = -1;
    else if (at + n > st.frameEnd) {
      this.result.frameViolations++;
      st.frameEnd = -1;
    }
  }

  private fillDict(d: PDict, items: readonly PValue[], count: number): void {
    for (let i = 0; i + 1 < items.length && d.keys.length < MAX_PICKLE_CONTAINER_KEPT; i += 2) {
      d.keys.push(items[i]!);
      d.values.push(items[i + 1]!);
    }
    d.count += count / 2;
  }

  private addItems(s: PSeq, items: readonly PValue[], count: number): void {
    for (let i = 0; i < items.length && s.items.length < MAX_PICKLE_CONTAINER_KEPT; i++) s.items.push(items[i]!);
    s.count += count;
  }

  /**
   * Protocol 0 opcodes whose argument is a text line. Returns the opcode length, or a negative
   * status when the line is not whole in the window.
   */
  private lineOp(op: number, p: number, avail: number): number {
    const buf = this.buf;
    const twoLines = op === OP.GLOBAL || op === OP.INST;
    const isLineOp = twoLines || op === OP.INT || op === OP.LONG || op === OP.FLOAT || op === OP.STRING || op === OP.UNICODE || op === OP.GET || op === OP.PUT || op === OP.PERSID;
    if (!isLineOp) this.fail(`invalid load key, '${opcodeName(op)}'`, p);
    const nl1 = buf.indexOf(0x0a, p + 1);
    const nl2 = twoLines && nl1 >= 0 ? buf.indexOf(0x0a, nl1 + 1) : nl1;
    if (nl1 < 0 || nl2 < 0 || nl2 >= this.end) return this.needLine(op, p, avail);
    if (nl1 - p - 1 > MAX_PICKLE_LINE_BYTES || nl2 - nl1 - 1 > MAX_PICKLE_LINE_BYTES) return this.needLine(op, p, MAX_PICKLE_LINE_BYTES + 2);
    const line = (a: number, b: number, enc: "utf8" | "latin1" = "utf8"): string => buf.toString(enc, a, b);
    const n = nl2 + 1 - p;
    switch (op) {
      case OP.GLOBAL:
      case OP.INST: {
        const g = this.global(line(p + 1, nl1), line(nl1 + 1, nl2), p, n, op === OP.GLOBAL ? "GLOBAL" : "INST");
        if (op === OP.GLOBAL) this.push(g);
        else {
          const { items, count } = this.popMark(p);
          this.push(this.call(g, new PSeq("tuple", items, count), undefined, "INST", p));
        }
        return n;
      }
      case OP.INT: {
        const s = line(p + 1, nl1, "latin1");
        // pickle.py: "I01\n" and "I00\n" are True and False.
        if (s === "01") this.push(true);
        else if (s === "00") this.push(false);
        else this.push(intValue(parsePickleInt(s, "INT")) ?? this.fail(`invalid literal for int(): ${JSON.stringify(s.slice(0, 40))}`, p));
        return n;
      }
      case OP.LONG: {
        const s = line(p + 1, nl1, "latin1");
        this.push(intValue(parsePickleInt(s, "LONG")) ?? this.fail(`invalid literal for int(): ${JSON.stringify(s.slice(0, 40))}`, p));
        return n;
      }
      case OP.FLOAT: {
        const s = line(p + 1, nl1, "latin1").trim();
        const v = /^[+-]?(inf(inity)?|nan)$/i.test(s) ? Number(s.replace(/inf(inity)?/i, "Infinity").replace(/nan/i, "NaN")) : Number(s);
        if (s === "" || (Number.isNaN(v) && !/nan/i.test(s))) this.fail(`could not convert string to float: ${JSON.stringify(s.slice(0, 40))}`, p);
        this.push(v);
        return n;
      }
      case OP.STRING: {
        const s = line(p + 1, nl1, "latin1");
        const q = s[0];
        if (s.length < 2 || (q !== "'" && q !== '"') || s[s.length - 1] !== q) this.fail("the STRING opcode argument must be quoted", p);
        const decoded = decodeStringEscape(s.slice(1, -1));
        if (decoded === undefined) this.fail("invalid escape in STRING", p);
        this.push(decoded.length > MAX_PICKLE_STRING_KEPT ? new PLongStr(decoded.slice(0, PREFIX_BYTES), decoded.length) : decoded);
        return n;
      }
      case OP.UNICODE: {
        const decoded = decodeRawUnicodeEscape(line(p + 1, nl1, "latin1"));
        if (decoded === undefined) this.fail("truncated \\uXXXX escape in UNICODE", p);
        this.push(decoded.length > MAX_PICKLE_STRING_KEPT ? new PLongStr(decoded.slice(0, PREFIX_BYTES), decoded.length) : decoded);
        return n;
      }
      case OP.GET:
      case OP.PUT: {
        const s = line(p + 1, nl1, "latin1");
        const parsed = parsePickleInt(s, "KEY");
        if (parsed === undefined || parsed < 0n) this.fail(`invalid memo key ${JSON.stringify(s.slice(0, 40))}`, p);
        const key = Number(parsed);
        if (op === OP.GET) this.push(this.memoGet(key, p));
        else this.memoPut(key, this.top(p));
        return n;
      }
      default: {
        // PERSID: protocol 0 persistent ids are ASCII lines.
        this.push(new PPersistent(line(p + 1, nl1, "latin1")));
        return n;
      }
    }
  }

  /** A line op whose newline is not in the window: read more, or skip a value line that is too long to keep. */
  private needLine(op: number, p: number, avail: number): number {
    const abs = this.bufStart + p;
    const remaining = this.size - abs;
    if (avail > MAX_PICKLE_LINE_BYTES) {
      const valueLine = op === OP.STRING || op === OP.UNICODE || op === OP.INT || op === OP.LONG || op === OP.FLOAT;
      if (!valueLine) throw new LimitExceededError("MAX_PICKLE_LINE_BYTES", `${opcodeName(op)} line at offset ${hex(abs)} is longer than ${MAX_PICKLE_LINE_BYTES} bytes`);
      return -S_LONG_LINE;
    }
    if (remaining <= this.end - p) this.fail(`pickle data was truncated: ${opcodeName(op)} line has no end`, p);
    this.need = Math.min(remaining, Math.max(avail * 2, Math.min(this.opts.chunkSize ?? CHUNK, 64 * 1024)));
    return -S_NEED;
  }

  /** Jumps over a protocol-0 value line longer than MAX_PICKLE_LINE_BYTES, keeping a prefix. */
  private async skipLongLine(): Promise<void> {
    const op = this.buf[this.p]!;
    const at = this.bufStart + this.p;
    const prefix = this.buf.toString("latin1", this.p + 1, Math.min(this.end, this.p + 1 + PREFIX_BYTES));
    let length = 0;
    this.p += 1;
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.p);
      if (nl >= 0 && nl < this.end) {
        length += nl - this.p;
        this.p = nl + 1;
        break;
      }
      length += this.end - this.p;
      this.result.bytesSkipped += this.end - this.p;
      this.p = this.end;
      if (this.bufStart + this.end >= this.size) throw new ParseError(`pickle data was truncated: ${opcodeName(op)} line at offset ${hex(at)} has no end`, { offset: at });
      await this.refill(1);
    }
    this.push(op === OP.STRING || op === OP.UNICODE ? new PLongStr(prefix.replace(/^['"]/, ""), length) : op === OP.FLOAT ? LONG_TEXT : HUGE_INT);
  }

  /** joblib's NumpyArrayWrapper.read_array: the array bytes (or a nested pickle) follow the BUILD. */
  private async joblibArray(): Promise<void> {
    const arr = this.pendingArray!;
    this.pendingArray = undefined;
    this.result.layout = this.result.layout === "pytorch-legacy" ? this.result.layout : "joblib";
    this.result.joblibArrays++;
    const at = this.bufStart + this.p;
    if (arr.nbytes < 0) throw new ParseError(`joblib array wrapper at offset ${hex(at)} has no readable shape and dtype, so the bytes after it cannot be located`, { offset: at });
    if (arr.objectDtype) {
      // Object arrays are written with pickle.dump(array, file, protocol=2): a whole nested pickle.
      const saved = this.st;
      this.st = newState();
      this.joblibEnabled = false;
      try {
        const value = await this.run();
        void value;
      } finally {
        this.st = saved;
        this.joblibEnabled = true;
      }
      return;
    }
    if (arr.padded) {
      if (this.end - this.p < 1) await this.refill(1);
      const pad = this.buf[this.p]!;
      this.skip(1 + pad, "joblib array padding");
    }
    // A plain pickle.load of this file would execute these bytes as opcodes instead: look for imports there.
    await this.shadowWalk(at);
    this.skip(arr.nbytes, `joblib array of ${arr.nbytes} bytes`);
  }

  private async shadowWalk(at: number): Promise<void> {
    if (at >= this.size) return;
    const len = Math.min(SHADOW_WALK_BYTES, this.size - at);
    const sink: WalkSink = {
      onGlobal: (g) => {
        if (g.module !== null && g.name !== null && /^[A-Za-z_][\w.]*$/.test(g.module) && /^[A-Za-z_][\w.]*$/.test(g.name)) {
          this.streamGlobals++;
          this.sink.onGlobal(new PGlobal(g.module, g.name, g.offset + at, g.length, g.via), this.streamIndex);
        }
      },
      onCall: () => undefined,
      onPayload: () => undefined,
    };
    const shadow = new PickleWalker(new SliceByteSource(this.src, at, len), sink, { single: true, lenient: true, ...(this.opts.signal ? { signal: this.opts.signal } : {}), ...(this.opts.python2Names ? { python2Names: this.opts.python2Names } : {}) });
    shadow.joblibEnabled = false;
    try {
      await shadow.walk();
    } catch (e) {
      if (!(e instanceof ParseError) && !(e instanceof LimitExceededError)) throw e;
    }
  }
}

/** Little-endian two's complement integer of `len` bytes (LONG1/LONG4). */
function decodeLong(buf: Uint8Array, at: number, len: number): number | bigint {
  if (len === 0) return 0;
  if (len <= 6) {
    let v = 0;
    for (let i = len - 1; i >= 0; i--) v = v * 256 + buf[at + i]!;
    if (buf[at + len - 1]! & 0x80) v -= 2 ** (8 * len);
    return v;
  }
  let v = 0n;
  for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[at + i]!);
  if (buf[at + len - 1]! & 0x80) v -= 1n << BigInt(8 * len);
  return v;
}

/** A parsed integer as the walker keeps it: a number when exact, else a bigint. */
function intValue(v: bigint | undefined): number | bigint | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}
