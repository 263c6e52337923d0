import { LimitExceededError, ParseError } from "../../errors.js";
import { MAX_PICKLE_CONTAINER_KEPT, MAX_PICKLE_LINE_BYTES, MAX_PICKLE_OPCODES, MAX_PICKLE_STREAMS, MAX_PICKLE_STRING_KEPT } from "../../limits.js";
import { SliceByteSource } from "../../io/byte-source.js";
import type { ByteSource } from "../../types/artifact.js";
import { floatLineValue, intLineValue, keptText, longLineValue, longValue, memoKeyValue, PREFIX_BYTES, quoteForMessage, unquoted } from "./argument-values.js";
import { CallRecorder } from "./call-recorder.js";
import { failAtOffset, hexOffset } from "./fail-at-offset.js";
import { joblibArrayOf, type JoblibArray } from "./joblib-array.js";
import { DECODED, LENGTH_TOO_LARGE, LINE_OPEN, NEGATIVE_LENGTH, OpcodeDecoder } from "./opcode-decoder.js";
import { HIGHEST_PROTOCOL, OP, PROTO01_FIRST_OPCODES, opcodeName } from "./opcodes.js";
import type { Python2Names } from "./python2-names.js";
import { SymbolicMemo, MemoOverflow } from "./symbolic-memo.js";
import { SymbolicStack } from "./symbolic-stack.js";
import { decodeRawUnicodeEscape, decodeStringEscape } from "./text-escapes.js";
import { latin1Text, utf8Text } from "./text-slices.js";
import { BUFFER, HUGE_INT, LONG_TEXT, PBytes, PCall, PDict, PGlobal, PLongStr, PPersistent, PSeq, TORCH_LEGACY_MAGIC, type PValue, type SeqKind } from "./values.js";
import type { WalkResult, StreamSummary } from "./walk-result.js";
import type { WalkSink } from "./walk-sink.js";

/** Bytes read from the source per refill: big enough to amortise reads, small enough to stay flat in memory. */
const CHUNK = 1024 * 1024;
/** Bytes of a skipped joblib array region checked for opcodes a plain pickle.load would run instead. */
const SHADOW_WALK_BYTES = 64 * 1024;

/** Why the opcode loop returned. */
const S_STOP = 0;
const S_NEED = 1;
const S_LONG_LINE = 2;
const S_JOBLIB = 3;
const S_CONTINUE = 4;

/** One pickle's unpickler state: swapped out for a pickle nested in a joblib object array. */
interface StreamState {
  stack: SymbolicStack;
  memo: SymbolicMemo;
  proto: number;
  opcodes: number;
  /** File offset where the current FRAME ends; -1 outside a frame. */
  frameEnd: number;
}

function newState(overflow: MemoOverflow): StreamState {
  return { stack: new SymbolicStack(), memo: new SymbolicMemo(overflow), proto: 0, opcodes: 0, frameEnd: -1 };
}

const EMPTY = Buffer.alloc(0);

/** The frame limit of a walk outside any FRAME: no opcode ends beyond it. */
const NO_FRAME = Number.MAX_SAFE_INTEGER;

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function seq(kind: SeqKind, items: PValue[], count: number): PSeq {
  return new PSeq(kind, items.length > MAX_PICKLE_CONTAINER_KEPT ? items.slice(0, MAX_PICKLE_CONTAINER_KEPT) : items, count);
}

function fillDict(d: PDict, items: readonly PValue[], count: number): void {
  for (let i = 0; i + 1 < items.length && d.keys.length < MAX_PICKLE_CONTAINER_KEPT; i += 2) {
    d.keys.push(items[i]!);
    d.values.push(items[i + 1]!);
  }
  d.count += count / 2;
}

function addItems(s: PSeq, items: readonly PValue[], count: number): void {
  for (let i = 0; i < items.length && s.items.length < MAX_PICKLE_CONTAINER_KEPT; i++) s.items.push(items[i]!);
  s.count += count;
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
 * arguments. Bytes are read in chunks through the ByteSource and decoded one opcode at a time by
 * the OpcodeDecoder; big blobs are skipped by offset.
 */
export class PickleWalker {
  private buf: Buffer = EMPTY;
  private bufStart = 0;
  private p = 0;
  private end = 0;
  private need = 0;
  private readonly dec = new OpcodeDecoder();
  private readonly overflow = new MemoOverflow();
  private st: StreamState = newState(this.overflow);
  private readonly rec: CallRecorder;
  private joblibEnabled = true;
  private pendingArray: JoblibArray | undefined;
  private limitHit: LimitExceededError | undefined;
  private readonly result: WalkResult = { streams: [], layout: "pickle", memoOverflow: false, frameViolations: 0, joblibArrays: 0, bytesSkipped: 0 };

  constructor(
    private readonly src: ByteSource,
    sink: WalkSink,
    private readonly opts: WalkOptions = {},
  ) {
    this.rec = new CallRecorder(sink, opts.python2Names);
  }

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
    this.rec.startStream(index);
    this.st = newState(this.overflow);
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
      summary.globals = this.rec.globals;
      summary.calls = this.rec.calls;
      if (this.overflow.happened) this.result.memoOverflow = true;
    }
    return { summary, value };
  }

  /** Runs opcodes of the current stream until STOP; returns the pickled value. */
  private async run(): Promise<PValue> {
    for (;;) {
      this.opts.signal?.throwIfAborted();
      const status = this.step();
      if (status === S_STOP) return this.st.stack.values.pop() ?? null;
      if (status === S_NEED) await this.refill(this.need);
      else if (status === S_LONG_LINE) await this.skipLongLine();
      else if (status === S_JOBLIB) await this.joblibArray();
    }
  }

  private setBuffer(buf: Buffer, start: number): void {
    this.buf = buf;
    this.dec.setView(buf);
    this.bufStart = start;
    this.p = 0;
    this.end = buf.length;
  }

  private seek(abs: number): void {
    if (abs >= this.bufStart && abs <= this.bufStart + this.end) {
      this.p = abs - this.bufStart;
      return;
    }
    this.setBuffer(EMPTY, abs);
  }

  /** Moves `n` bytes forward from the current position without reading them. */
  private skip(n: number, what: string): void {
    const abs = this.bufStart + this.p;
    if (abs + n > this.size) throw new ParseError(`pickle data was truncated: ${what} of ${n} bytes at offset ${hexOffset(abs)} runs past the end of the file`, { offset: abs });
    if (this.p + n > this.end) this.result.bytesSkipped += this.p + n - this.end;
    this.seek(abs + n);
  }

  private async refill(need: number): Promise<void> {
    const abs = this.bufStart + this.p;
    if (abs + need > this.size) {
      const op = this.p < this.end ? opcodeName(this.buf[this.p]!) : "an opcode";
      throw new ParseError(
        abs >= this.size ? `pickle data was truncated: no STOP before the end of the file at offset ${hexOffset(abs)}` : `pickle data was truncated: ${op} at offset ${hexOffset(abs)} needs ${need} bytes, ${this.size - abs} left`,
        { offset: abs },
      );
    }
    // The unread rest of the window is read again with the next chunk: cheaper than copying a chunk.
    const next = await this.src.read(abs, Math.min(this.size - abs, Math.max(this.opts.chunkSize ?? CHUNK, need)), this.opts.signal);
    if (next.length < need) throw new ParseError(`pickle data was truncated: short read at offset ${hexOffset(abs)}`, { offset: abs });
    this.setBuffer(toBuffer(next), abs);
  }

  /** Fails at the opcode at window position `at`. */
  private fail(message: string, at: number): never {
    return failAtOffset(message, this.bufStart + at);
  }

  private text(start: number, len: number, enc: "utf8" | "latin1"): PValue {
    if (len <= MAX_PICKLE_STRING_KEPT) return enc === "utf8" ? utf8Text(this.buf, start, start + len) : latin1Text(this.buf, start, start + len);
    return new PLongStr(this.buf.toString(enc, start, start + Math.min(PREFIX_BYTES, this.end - start)), len);
  }

  /** The message of an opcode the decoder could not decode (see OpcodeDecoder.decode). */
  private undecodable(status: number, op: number, at: number): never {
    if (status === NEGATIVE_LENGTH) return this.fail(`${op === OP.LONG4 ? "LONG" : "BINSTRING"} pickle has negative byte count`, at);
    if (status === LENGTH_TOO_LARGE) return this.fail(`${opcodeName(op)} length does not fit in memory`, at);
    return this.fail(`invalid load key, '${opcodeName(op)}'`, at);
  }

  // ---- the opcode loop ----

  /** Executes opcodes while they are whole in the window; returns why it stopped. */
  private step(): number {
    const buf = this.buf;
    const end = this.end;
    const base = this.bufStart;
    const dec = this.dec;
    const st = this.st;
    const stk = st.stack;
    const memo = st.memo;
    const rec = this.rec;
    let p = this.p;
    /** Window position where the current FRAME ends: an opcode ending beyond it ends the frame or straddles it. */
    let frameLimit = st.frameEnd >= 0 ? st.frameEnd - base : NO_FRAME;
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
      const decoded = dec.decode(p, end);
      const op = dec.op;
      if (decoded !== DECODED) {
        if (decoded === LINE_OPEN) {
          const r = this.needLine(op, p, end - p);
          ops--;
          this.p = p;
          status = -r;
          break loop;
        }
        if (decoded < 0) this.undecodable(decoded, op, p);
        ops--;
        this.p = p;
        this.need = decoded;
        status = S_NEED;
        break loop;
      }
      const avail = end - p;
      const at = base + p;
      let n = dec.length;
      switch (op) {
        case OP.BININT1:
        case OP.BININT2:
        case OP.BININT:
        case OP.BINFLOAT:
          stk.push(dec.arg);
          break;
        case OP.NONE:
          stk.push(null);
          break;
        case OP.NEWTRUE:
          stk.push(true);
          break;
        case OP.NEWFALSE:
          stk.push(false);
          break;
        case OP.LONG1:
        case OP.LONG4: {
          if (dec.arg > 64) {
            stk.push(HUGE_INT);
            this.p = p;
            this.skip(n, "LONG4");
            status = S_CONTINUE;
            break loop;
          }
          if (n > avail) break;
          stk.push(longValue(buf, dec.start, dec.arg));
          break;
        }
        case OP.SHORT_BINUNICODE:
        case OP.SHORT_BINSTRING:
        case OP.SHORT_BINBYTES: {
          if (n > avail) break;
          const len = dec.arg;
          if (op === OP.SHORT_BINBYTES) stk.push(new PBytes(at + 2, len, len >= 2 ? (buf[p + 2]! << 8) | buf[p + 3]! : -1, false));
          else if (op === OP.SHORT_BINUNICODE) stk.push(utf8Text(buf, p + 2, p + 2 + len));
          else stk.push(this.text(p + 2, len, "latin1"));
          break;
        }
        case OP.BINBYTES:
        case OP.BINBYTES8:
        case OP.BYTEARRAY8: {
          const h = dec.start - p;
          const len = dec.arg;
          stk.push(new PBytes(at + h, len, avail >= h + 2 && len >= 2 ? (buf[p + h]! << 8) | buf[p + h + 1]! : -1, op === OP.BYTEARRAY8));
          if (avail >= n) break;
          this.p = p;
          this.skip(n, opcodeName(op));
          status = S_CONTINUE;
          break loop;
        }
        case OP.BINUNICODE:
        case OP.BINSTRING:
        case OP.BINUNICODE8: {
          const h = dec.start - p;
          const len = dec.arg;
          const enc = op === OP.BINSTRING ? "latin1" : "utf8";
          if (len <= MAX_PICKLE_STRING_KEPT) {
            if (n > avail) break;
            stk.push(this.text(p + h, len, enc));
            break;
          }
          // A long string: keep a prefix, jump over the rest.
          if (avail < h + PREFIX_BYTES && base + end < this.size) {
            n = h + PREFIX_BYTES;
            break;
          }
          stk.push(new PLongStr(buf.toString(enc, p + h, Math.min(end, p + h + PREFIX_BYTES)), len));
          if (avail >= n) break;
          this.p = p;
          this.skip(n, opcodeName(op));
          status = S_CONTINUE;
          break loop;
        }
        case OP.EMPTY_LIST:
          stk.push(new PSeq("list", [], 0));
          break;
        case OP.EMPTY_TUPLE:
          stk.push(new PSeq("tuple", [], 0));
          break;
        case OP.EMPTY_DICT:
          stk.push(new PDict());
          break;
        case OP.EMPTY_SET:
          stk.push(new PSeq("set", [], 0));
          break;
        case OP.TUPLE1:
        case OP.TUPLE2:
        case OP.TUPLE3: {
          const k = op - OP.TUPLE1 + 1;
          stk.require(k, at);
          const values = stk.values;
          let items: PValue[];
          if (k === 1) items = [values.pop()!];
          else if (k === 2) {
            const b = values.pop()!;
            items = [values.pop()!, b];
          } else {
            const c = values.pop()!;
            const b = values.pop()!;
            items = [values.pop()!, b, c];
          }
          values.push(new PSeq("tuple", items, k));
          break;
        }
        case OP.MARK:
          stk.mark();
          break;
        case OP.TUPLE:
        case OP.LIST:
        case OP.FROZENSET: {
          const { items, count } = stk.popMark(at);
          stk.push(seq(op === OP.TUPLE ? "tuple" : op === OP.LIST ? "list" : "frozenset", items, count));
          break;
        }
        case OP.DICT: {
          const { items, count } = stk.popMark(at);
          if (count % 2 !== 0) this.fail("odd number of items for DICT", p);
          const d = new PDict();
          fillDict(d, items, count);
          stk.push(d);
          break;
        }
        case OP.APPEND: {
          const v = stk.pop(at);
          const list = stk.top(at);
          if (list instanceof PSeq) addItems(list, [v], 1);
          else rec.mutate(list, v, "APPEND", at);
          break;
        }
        case OP.APPENDS:
        case OP.ADDITEMS: {
          const { items, count } = stk.popMark(at);
          const target = stk.top(at);
          if (target instanceof PSeq) addItems(target, items, count);
          else rec.mutate(target, seq("list", items, count), op === OP.APPENDS ? "APPENDS" : "ADDITEMS", at);
          break;
        }
        case OP.SETITEM: {
          const v = stk.pop(at);
          const k = stk.pop(at);
          const d = stk.top(at);
          if (d instanceof PDict) fillDict(d, [k, v], 2);
          else rec.mutate(d, new PSeq("tuple", [k, v], 2), "SETITEM", at);
          break;
        }
        case OP.SETITEMS: {
          const { items, count } = stk.popMark(at);
          if (count % 2 !== 0) this.fail("odd number of items for SETITEMS", p);
          const d = stk.top(at);
          if (d instanceof PDict) fillDict(d, items, count);
          else rec.mutate(d, seq("tuple", items, count), "SETITEMS", at);
          break;
        }
        case OP.POP:
          stk.popValueOrMark(at);
          break;
        case OP.POP_MARK:
          stk.popMark(at);
          break;
        case OP.DUP:
          stk.push(stk.top(at));
          break;
        case OP.BINPUT:
        case OP.LONG_BINPUT:
          memo.put(dec.arg, stk.top(at));
          break;
        case OP.MEMOIZE:
          memo.put(memo.size, stk.top(at));
          break;
        case OP.BINGET:
        case OP.LONG_BINGET:
          stk.push(memo.get(dec.arg, at));
          break;
        case OP.STACK_GLOBAL: {
          const name = stk.pop(at);
          const module = stk.pop(at);
          memo.promoteNames(module, name);
          stk.push(rec.global(module, name, at, 1, "STACK_GLOBAL", st.proto));
          break;
        }
        case OP.REDUCE:
        case OP.NEWOBJ:
        case OP.NEWOBJ_EX: {
          const kwargs = op === OP.NEWOBJ_EX ? stk.pop(at) : undefined;
          const args = stk.pop(at);
          const callee = stk.pop(at);
          stk.push(rec.call(callee, args, kwargs, op === OP.REDUCE ? "REDUCE" : op === OP.NEWOBJ ? "NEWOBJ" : "NEWOBJ_EX", at));
          break;
        }
        case OP.OBJ: {
          const { items, count } = stk.popMark(at);
          if (count < 1) this.fail("unpickling stack underflow", p);
          stk.push(rec.call(items[0]!, new PSeq("tuple", items.slice(1), count - 1), undefined, "OBJ", at));
          break;
        }
        case OP.BUILD: {
          const state = stk.pop(at);
          const inst = stk.top(at);
          if (!(inst instanceof PCall)) {
            rec.mutate(inst, state, "BUILD", at);
            break;
          }
          rec.build(inst, state, at);
          const arr = this.joblibEnabled ? joblibArrayOf(inst, state) : undefined;
          if (arr) {
            this.pendingArray = arr;
            this.p = p + 1;
            status = S_JOBLIB;
            break loop;
          }
          break;
        }
        case OP.BINPERSID:
          stk.push(new PPersistent(stk.pop(at)));
          break;
        case OP.NEXT_BUFFER:
          stk.push(BUFFER);
          break;
        case OP.READONLY_BUFFER:
          stk.top(at);
          break;
        case OP.PROTO:
          if (dec.arg > HIGHEST_PROTOCOL) this.fail(`unsupported pickle protocol: ${dec.arg}`, p);
          st.proto = dec.arg;
          break;
        case OP.FRAME: {
          const start = at + 9;
          const len = dec.arg;
          // pickle.py refuses a new frame before the current one is consumed; _pickle.c does not (cpython#154848).
          if (st.frameEnd >= 0 && at < st.frameEnd) this.result.frameViolations++;
          st.frameEnd = start + len;
          // _pickle.c load_frame reads the whole frame up front and stops on a frame past the end; pickle.py
          // takes what is there and reads on, so the walk goes on too.
          if (start + len > this.size) {
            this.result.frameViolations++;
            st.frameEnd = -1;
          }
          frameLimit = st.frameEnd >= 0 ? st.frameEnd - base : NO_FRAME;
          break;
        }
        case OP.EXT1:
        case OP.EXT2:
        case OP.EXT4:
          if (dec.arg <= 0) this.fail(`${opcodeName(op)} specifies code <= 0`, p);
          stk.push(rec.extension(dec.arg, at, n));
          break;
        case OP.STOP:
          // run() pops the value; an empty stack (above the innermost MARK) is an underflow in _pickle.c.
          stk.require(1, at);
          this.p = p + 1;
          status = S_STOP;
          break loop;
        default: {
          // Protocol 0 opcodes whose argument is a text line.
          const r = this.lineOp(op, p);
          if (r < 0) {
            ops--;
            this.p = p;
            status = -r;
            break loop;
          }
        }
      }
      if (n > avail) {
        ops--;
        this.p = p;
        this.need = n;
        status = S_NEED;
        break loop;
      }
      if (p + n > frameLimit) {
        this.frameCheck(p, n);
        frameLimit = NO_FRAME;
      }
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

  /**
   * A protocol 0 opcode whose argument lines the decoder found in the window. Returns 0, or a
   * negative status when a line is too long to keep.
   */
  private lineOp(op: number, p: number): number {
    const dec = this.dec;
    const nl1 = dec.lineEnd;
    const nl2 = dec.lineEnd2;
    if (nl1 - p - 1 > MAX_PICKLE_LINE_BYTES || nl2 - nl1 - 1 > MAX_PICKLE_LINE_BYTES) return this.needLine(op, p, MAX_PICKLE_LINE_BYTES + 2);
    const stk = this.st.stack;
    const at = this.bufStart + p;
    const latin1 = (): string => this.buf.toString("latin1", p + 1, nl1);
    switch (op) {
      case OP.GLOBAL:
      case OP.INST: {
        const g = this.rec.global(this.buf.toString("utf8", p + 1, nl1), this.buf.toString("utf8", nl1 + 1, nl2), at, nl2 + 1 - p, op === OP.GLOBAL ? "GLOBAL" : "INST", this.st.proto);
        if (op === OP.GLOBAL) stk.push(g);
        else {
          const { items, count } = stk.popMark(at);
          stk.push(this.rec.call(g, new PSeq("tuple", items, count), undefined, "INST", at));
        }
        return 0;
      }
      case OP.INT:
      case OP.LONG: {
        const s = latin1();
        stk.push((op === OP.INT ? intLineValue(s) : longLineValue(s)) ?? this.fail(`invalid literal for int(): ${quoteForMessage(s)}`, p));
        return 0;
      }
      case OP.FLOAT: {
        const s = latin1().trim();
        stk.push(floatLineValue(s) ?? this.fail(`could not convert string to float: ${quoteForMessage(s)}`, p));
        return 0;
      }
      case OP.STRING: {
        const body = unquoted(latin1()) ?? this.fail("the STRING opcode argument must be quoted", p);
        stk.push(keptText(decodeStringEscape(body) ?? this.fail("invalid escape in STRING", p)));
        return 0;
      }
      case OP.UNICODE:
        stk.push(keptText(decodeRawUnicodeEscape(latin1()) ?? this.fail("truncated \\uXXXX escape in UNICODE", p)));
        return 0;
      case OP.GET:
      case OP.PUT: {
        const s = latin1();
        const key = memoKeyValue(s) ?? this.fail(`invalid memo key ${quoteForMessage(s)}`, p);
        if (op === OP.GET) stk.push(this.st.memo.get(key, at));
        else this.st.memo.put(key, stk.top(at));
        return 0;
      }
      default:
        // PERSID: protocol 0 persistent ids are ASCII lines.
        stk.push(new PPersistent(latin1()));
        return 0;
    }
  }

  /** A line op whose newline is not in the window: read more, or skip a value line that is too long to keep. Returns the negated status. */
  private needLine(op: number, p: number, avail: number): number {
    const abs = this.bufStart + p;
    const remaining = this.size - abs;
    if (avail > MAX_PICKLE_LINE_BYTES) {
      const valueLine = op === OP.STRING || op === OP.UNICODE || op === OP.INT || op === OP.LONG || op === OP.FLOAT;
      if (!valueLine) throw new LimitExceededError("MAX_PICKLE_LINE_BYTES", `${opcodeName(op)} line at offset ${hexOffset(abs)} is longer than ${MAX_PICKLE_LINE_BYTES} bytes`);
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
      if (this.bufStart + this.end >= this.size) throw new ParseError(`pickle data was truncated: ${opcodeName(op)} line at offset ${hexOffset(at)} has no end`, { offset: at });
      await this.refill(1);
    }
    this.st.stack.push(op === OP.STRING || op === OP.UNICODE ? new PLongStr(prefix.replace(/^['"]/, ""), length) : op === OP.FLOAT ? LONG_TEXT : HUGE_INT);
  }

  /** joblib's NumpyArrayWrapper.read_array: the array bytes (or a nested pickle) follow the BUILD. */
  private async joblibArray(): Promise<void> {
    const arr = this.pendingArray!;
    this.pendingArray = undefined;
    this.result.layout = this.result.layout === "pytorch-legacy" ? this.result.layout : "joblib";
    this.result.joblibArrays++;
    const at = this.bufStart + this.p;
    if (arr.nbytes < 0) throw new ParseError(`joblib array wrapper at offset ${hexOffset(at)} has no readable shape and dtype, so the bytes after it cannot be located`, { offset: at });
    if (arr.objectDtype) {
      // Object arrays are written with pickle.dump(array, file, protocol=2): a whole nested pickle.
      const saved = this.st;
      this.st = newState(this.overflow);
      this.joblibEnabled = false;
      try {
        await this.run();
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
          this.rec.reportGlobal(new PGlobal(g.module, g.name, g.offset + at, g.length, g.via));
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
