/**
 * A light pickle opcode scanner for format sniffing only: it checks that the first bytes are a
 * well-formed opcode sequence, so protocol 0/1 pickles (no PROTO magic, plain ASCII) are recognised
 * whatever the file is called (B01/B15: protocol 0 pickles under non-pickle names were skipped by
 * peers). It never builds values; the pickle inspector does the real walk.
 */

import { MAX_SNIFF_HOPS, SNIFF_BYTES } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import { parsePickleInt } from "../pickle/py-int.js";
import { emptyStackShape, stepStackShape, type PickleStackShape } from "./pickle-stack.js";

type Arg = "none" | "line" | "line2" | { fixed: number } | { len: 1 | 4 | 8 };

const OPS = new Map<number, Arg>();
const def = (chars: string, arg: Arg): void => {
  for (const c of chars) OPS.set(c.charCodeAt(0), arg);
};
// Protocol 0/1 (pickletools names in comments only where it helps).
def("(.012NRabd}el]ostu)Q", "none");
def("FILSVPgp", "line");
def("ci", "line2"); // GLOBAL / INST: module\nname\n
def("K", { fixed: 1 });
def("M", { fixed: 2 });
def("J", { fixed: 4 });
def("h", { fixed: 1 });
def("j", { fixed: 4 });
def("q", { fixed: 1 });
def("r", { fixed: 4 });
def("G", { fixed: 8 });
def("U", { len: 1 });
def("T", { len: 4 });
def("X", { len: 4 });
// Protocol 2-5.
for (const b of [0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x97, 0x98]) OPS.set(b, "none");
OPS.set(0x80, { fixed: 1 });
OPS.set(0x82, { fixed: 1 });
OPS.set(0x83, { fixed: 2 });
OPS.set(0x84, { fixed: 4 });
OPS.set(0x95, { fixed: 8 });
OPS.set(0x8a, { len: 1 });
OPS.set(0x8b, { len: 4 });
def("C", { len: 1 });
def("B", { len: 4 });
OPS.set(0x8c, { len: 1 });
OPS.set(0x8d, { len: 8 });
OPS.set(0x8e, { len: 8 });
OPS.set(0x96, { len: 8 });

const STOP = 0x2e;
const MAX_LINE = 1024;
/** REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX: opcodes that call what was imported. */
const CALLS = new Set([0x52, 0x62, 0x69, 0x6f, 0x81, 0x92]);

/** Where a scan that ran out of bytes would continue (offsets relative to the scanned chunk). */
export type PickleScanEnd =
  /** The next opcode starts here (at or past the chunk's end: an argument ran past it). */
  | { next: number }
  /** Inside a line argument: `lines` newlines still to come, searching from `lineFrom`; STRING's closing quote must match `quote`. */
  | { lineFrom: number; lines: number; quote?: number };

export interface PickleHeadScan {
  /** Every opcode seen was valid with well-formed arguments (or the stream broke only after an import was called). */
  valid: boolean;
  opcodes: number;
  /** Offset just past the first STOP, when it was reached. */
  stopAt?: number;
  /** Opcodes whose arguments are binary (protocol 1+). */
  binary: boolean;
  /** GLOBAL/INST/STACK_GLOBAL/EXT were seen: CPython would import something. */
  imports: boolean;
  /** An import was followed by a call: whatever comes after, loading already ran code. */
  called: boolean;
  /** Set when the chunk ended before STOP or a bad opcode. */
  end?: PickleScanEnd;
  /** A bad opcode came after a call (nullifAI: payload first, then garbage instead of STOP). */
  brokenAfterCall?: boolean;
  /** The unpickler's stack shape after the last opcode scanned (carried into the next chunk). */
  stack: PickleStackShape;
}

/** What a scan of an earlier chunk leaves for the next one. */
export interface PickleScanPrior {
  imports: boolean;
  called: boolean;
  stack: PickleStackShape;
}

function lineEnd(head: Uint8Array, at: number): number {
  const lim = Math.min(head.byteLength, at + MAX_LINE);
  for (let i = at; i < lim; i++) if (head[i] === 0x0a) return i;
  return -1;
}

const latin1 = new TextDecoder("latin1");

/** Accepts every argument CPython's unpickler accepts (never stricter: a refused head is never walked). */
function lineOk(op: number, text: string): boolean {
  switch (String.fromCharCode(op)) {
    case "I":
      return parsePickleInt(text, "INT") !== undefined;
    case "L":
      return parsePickleInt(text, "LONG") !== undefined;
    case "F":
      // PyOS_string_to_double: sign, digits with an optional point and exponent, inf/infinity/nan.
      return /^[+-]?((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|inf(inity)?|nan)$/i.test(text);
    case "S":
      return /^(['"]).*\1$/s.test(text);
    case "g":
    case "p":
      return (parsePickleInt(text, "KEY") ?? -1n) >= 0n;
    default:
      return true;
  }
}

/** The start of a line argument longer than MAX_LINE or cut by the chunk: could it still be valid? */
function partialLineOk(op: number, text: string): boolean {
  switch (String.fromCharCode(op)) {
    case "I":
    case "L":
      // Up to 4300 digits are valid; anything but number characters is not.
      return /^[\s+\-0-9a-fA-FxXoObB_]*$/.test(text);
    case "F":
      return /^[+\-0-9.eEinfatyINFATY]*$/.test(text);
    case "S":
      return text.length === 0 || text[0] === "'" || text[0] === '"';
    case "g":
    case "p":
      return /^[\s+0-9_]*$/.test(text);
    case "c":
    case "i":
      return /^[A-Za-z_]?[\w.]*$/.test(text);
    default:
      return true;
  }
}

const IDENT = /^[A-Za-z_][\w.]*$/;

function invalid(r: PickleHeadScan): PickleHeadScan {
  // _pickle.c runs each opcode as it reads it: after a call, the bad opcode comes too late to matter.
  if (r.called) {
    r.valid = true;
    r.brokenAfterCall = true;
    return r;
  }
  r.valid = false;
  return r;
}

/**
 * Scans opcodes from the start of `head` until STOP, an invalid opcode or the end of the chunk.
 * `head` must start at an opcode. When the chunk ends first, `end` says where scanning resumes.
 */
export function scanPickleHead(head: Uint8Array, prior?: PickleScanPrior): PickleHeadScan {
  const stack = prior ? { depth: prior.stack.depth, marks: [...prior.stack.marks] } : emptyStackShape();
  const r: PickleHeadScan = { valid: false, opcodes: 0, binary: false, imports: prior?.imports ?? false, called: prior?.called ?? false, stack };
  let at = 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  while (at < head.byteLength) {
    const opAt = at;
    const op = head[at]!;
    const arg = OPS.get(op);
    if (!arg) return invalid(r);
    // The length itself is cut: resume at this opcode with a fresh chunk (its stack step not yet taken).
    if (typeof arg === "object" && "len" in arg && at + 1 + arg.len > head.byteLength) return finish(r, { next: opAt });
    // Underflow or a missing MARK: CPython raises here, before this opcode imports or calls anything.
    if (!stepStackShape(stack, op)) return invalid(r);
    at++;
    if (arg === "line" || arg === "line2") {
      const e1 = lineEnd(head, at);
      const lines = arg === "line2" ? 2 : 1;
      if (e1 < 0) {
        const seen = latin1.decode(head.subarray(at, Math.min(head.byteLength, at + MAX_LINE)));
        if (!partialLineOk(op, seen)) return invalid(r);
        r.opcodes++;
        return finish(r, { lineFrom: at, lines, ...(op === 0x53 && seen.length > 0 ? { quote: seen.charCodeAt(0) } : {}) });
      }
      const first = latin1.decode(head.subarray(at, e1));
      if (arg === "line") {
        if (!lineOk(op, first)) return invalid(r);
        at = e1 + 1;
      } else {
        if (!IDENT.test(first)) return invalid(r);
        const e2 = lineEnd(head, e1 + 1);
        if (e2 < 0) {
          if (!partialLineOk(op, latin1.decode(head.subarray(e1 + 1, Math.min(head.byteLength, e1 + 1 + MAX_LINE))))) return invalid(r);
          r.imports = true;
          r.opcodes++;
          return finish(r, { lineFrom: e1 + 1, lines: 1 });
        }
        const second = latin1.decode(head.subarray(e1 + 1, e2));
        if (!IDENT.test(second)) return invalid(r);
        r.imports = true;
        at = e2 + 1;
      }
    } else if (arg !== "none") {
      r.binary = true;
      if ("fixed" in arg) at += arg.fixed;
      else {
        const n = arg.len === 1 ? head[at]! : arg.len === 4 ? view.getUint32(at, true) : Number(view.getBigUint64(at, true));
        at += arg.len + n;
      }
      if (op === 0x80 && at <= head.byteLength && (head[at - 1] ?? 0) > 5) return invalid(r);
    } else if (op === 0x93) {
      r.imports = true;
    }
    // EXT1/2/4 import through copyreg's extension registry.
    if (op >= 0x82 && op <= 0x84) r.imports = true;
    if (r.imports && CALLS.has(op)) r.called = true;
    r.opcodes++;
    if (op === STOP) {
      r.valid = true;
      r.stopAt = at;
      return r;
    }
  }
  return finish(r, { next: at });
}

function finish(r: PickleHeadScan, end: PickleScanEnd): PickleHeadScan {
  // Ran off the chunk without a bad opcode: valid so far.
  r.valid = true;
  r.end = end;
  return r;
}

/** The PyTorch legacy magic number 0x1950a86a20f9469cfc6c, as torch.save(_use_new_zipfile_serialization=False) pickles it. */
const MAGIC = 0x1950a86a20f9469cfc6cn;
const MAGIC_DECIMAL = MAGIC.toString();

/**
 * True when the first pickle's only value is the legacy magic number as a literal (LONG1/LONG4,
 * or protocol 0/1 `L...L` / `I...`). A magic produced by a call (GHSA-97f8-7cmv-76j2, `eval("0x19…")`)
 * is not literal: such a file stays "pickle", which is scanned the same way.
 */
export function isTorchLegacyMagic(head: Uint8Array): boolean {
  let at = 0;
  if (head[0] === 0x80) at = 2;
  const op = head[at];
  if (op === 0x8a) {
    const n = head[at + 1] ?? 0;
    if (n === 0 || at + 2 + n >= head.byteLength) return false;
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(head[at + 2 + i]!);
    return v === MAGIC && head[at + 2 + n] === STOP;
  }
  if (op === 0x4c || op === 0x49) {
    const e = lineEnd(head, at + 1);
    if (e < 0) return false;
    const text = latin1.decode(head.subarray(at + 1, e)).replace(/L$/, "");
    return text === MAGIC_DECIMAL && head[e + 1] === STOP;
  }
  return false;
}

function isPrintable(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!(b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) return false;
  return true;
}

type Verdict = "pickle" | "not" | "more";

/** What a scan (of the head, or of the head and the chunks after it) says; "more": valid so far, the bytes ran out. */
function verdictOf(s: PickleHeadScan, head: Uint8Array, size: number, scannedAll: boolean, guess = true): Verdict {
  if (!s.valid) return "not";
  // An import was called: loading runs code whatever follows (a cut stream, garbage instead of STOP).
  if (s.called) return "pickle";
  // Short text such as "torch>=1.0" happens to spell TUPLE OBJ LONG_BINPUT POP_MARK STOP. Binary
  // opcodes whose arguments are all printable, with nothing imported, are text, not a pickle; a
  // pickle that imports nothing cannot call anything, so this never hides a payload.
  if (s.binary && !s.imports && isPrintable(head.subarray(0, Math.min(head.byteLength, s.stopAt ?? head.byteLength)))) return "not";
  // Binary opcodes that reach an import: loading imports whatever follows (a cut stream included).
  if (s.binary && s.imports) return "pickle";
  if (s.stopAt !== undefined) return s.opcodes >= 2 && (s.binary || s.imports || s.opcodes >= 3 || s.stopAt === size) ? "pickle" : "not";
  // No STOP yet: a long, clean run counts (a pickle bigger than the sniff window).
  if (guess && !scannedAll && s.opcodes >= 8 && (s.binary || s.imports)) return "pickle";
  return scannedAll ? "not" : "more";
}

/** Where the scan of a chunk at `base` resumes, as an absolute offset or a line search. */
function resumeOf(s: PickleHeadScan, base: number): { next: number } | { lineFrom: number; lines: number; quote?: number } | undefined {
  if (!s.end) return undefined;
  return "next" in s.end ? { next: base + s.end.next } : { ...s.end, lineFrom: base + s.end.lineFrom };
}

/** What the opening opcodes of the head say, and whether they reach an import. */
export interface PickleHeadReading {
  verdict: Verdict;
  /** An import (or a call) was reached: CPython would run something, not just build a value. */
  imports: boolean;
  /** STOP was reached: the opcodes ended a value. */
  stopped: boolean;
}

/**
 * Reads the head as CPython's unpickler would, PROTO magic included: `\x80\x02` followed by a byte
 * that is no opcode (a safetensors header length of 640 starts `\x80\x02\x00`) raises on the third
 * byte, before anything is imported, so it is not a pickle.
 */
export function pickleHeadReading(head: Uint8Array, size: number): PickleHeadReading {
  const s = scanPickleHead(head);
  const end = resumeOf(s, 0);
  const scannedAll = end === undefined || ("next" in end ? end.next >= size : head.byteLength >= size);
  return { verdict: verdictOf(s, head, size, scannedAll), imports: s.imports || s.called, stopped: s.stopAt !== undefined };
}

/** Decides from the head alone: "more" when it is a valid pickle prefix that runs past the head. */
export function pickleHeadVerdict(head: Uint8Array, size: number): Verdict {
  return pickleHeadReading(head, size).verdict;
}

/** Decides whether the head is a pickle: PROTO magic, or a well-formed protocol 0/1 opcode run. */
export function looksLikePickle(head: Uint8Array, size: number): boolean {
  return pickleHeadVerdict(head, size) === "pickle";
}

/** Chunks read past the head to settle a "more" verdict, each one small ranged read. */
const SNIFF_HOP_BYTES = SNIFF_BYTES;

/**
 * Settles a head that is a valid pickle prefix running past the sniff window (a first string or
 * line longer than the head, THREATS.md B15-style evasion of head-only sniffers) by scanning on
 * through the source in small reads. Still valid after MAX_SNIFF_HOPS reads: a pickle, so the
 * walker decides rather than nobody.
 */
export async function sniffPickleDeep(source: ByteSource, head: Uint8Array, signal?: AbortSignal): Promise<boolean> {
  return (await readPickleDeep(source, head, signal)).pickle;
}

/** What reading on past the head found. */
export interface PickleDeepReading {
  pickle: boolean;
  /** The opcodes read reached an import or a call. */
  imports: boolean;
  /** False when the bounded reads ran out before STOP, a bad opcode or an import settled it. */
  settled: boolean;
}

/**
 * `sniffPickleDeep`, also saying whether the opcodes reached an import. With `settle`, a long clean
 * run is not taken for a pickle on sight: reading goes on until an import, STOP or a bad opcode.
 */
export async function readPickleDeep(source: ByteSource, head: Uint8Array, signal?: AbortSignal, opts: { settle?: boolean } = {}): Promise<PickleDeepReading> {
  const guess = !opts.settle;
  const out = (pickle: boolean, settled = true): PickleDeepReading => ({ pickle, imports: agg.imports || agg.called, settled });
  const size = source.size;
  let s = scanPickleHead(head);
  const agg: PickleHeadScan = { ...s };
  let base = 0;
  for (let hops = 0; ; ) {
    const end = resumeOf(s, base);
    let next: number | undefined = end && "next" in end ? end.next : undefined;
    if (end && !("next" in end)) {
      // Find the rest of the line(s) in following chunks.
      let from = end.lineFrom;
      let lines = end.lines;
      let last = -1;
      while (lines > 0 && from < size && hops < MAX_SNIFF_HOPS) {
        const chunk = await source.read(from, Math.min(SNIFF_HOP_BYTES, size - from), signal);
        hops++;
        const nl = chunk.indexOf(0x0a);
        if (nl < 0) {
          last = chunk[chunk.byteLength - 1] ?? -1;
          from += chunk.byteLength;
          continue;
        }
        last = nl > 0 ? chunk[nl - 1]! : last;
        from += nl + 1;
        lines--;
        if (lines > 0) continue;
      }
      if (lines > 0) return from < size ? out(agg.opcodes >= 1, false) : out(agg.called);
      // STRING: the closing quote must match the opening one.
      if (end.quote !== undefined && last !== end.quote) return out(agg.called);
      next = from;
    }
    const verdict = verdictOf(agg, head, size, next === undefined || next >= size, guess);
    if (verdict !== "more") return out(verdict === "pickle");
    if (hops >= MAX_SNIFF_HOPS) return out(agg.opcodes >= 1, false);
    const chunk = await source.read(next!, Math.min(SNIFF_HOP_BYTES, size - next!), signal);
    hops++;
    base = next!;
    s = scanPickleHead(chunk, { imports: agg.imports, called: agg.called, stack: agg.stack });
    agg.valid = s.valid;
    agg.opcodes += s.opcodes;
    agg.binary ||= s.binary;
    agg.imports = s.imports;
    agg.called = s.called;
    agg.stack = s.stack;
    if (s.brokenAfterCall) agg.brokenAfterCall = true;
    if (s.stopAt !== undefined) agg.stopAt = base + s.stopAt;
    if (s.end) agg.end = s.end;
    else delete agg.end;
    if (!s.valid || s.stopAt !== undefined || s.called) return out(verdictOf(agg, head, size, true) === "pickle");
  }
}
