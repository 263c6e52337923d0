/**
 * A light pickle opcode scanner for format sniffing only: it checks that the first bytes are a
 * well-formed opcode sequence, so protocol 0/1 pickles (no PROTO magic, plain ASCII) are recognised
 * whatever the file is called (B01/B15: protocol 0 pickles under non-pickle names were skipped by
 * peers). It never builds values; the pickle inspector does the real walk.
 */

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

export interface PickleHeadScan {
  /** Every opcode seen was valid with well-formed arguments. */
  valid: boolean;
  opcodes: number;
  /** Offset just past the first STOP, when it was reached. */
  stopAt?: number;
  /** Opcodes whose arguments are binary (protocol 1+). */
  binary: boolean;
  /** GLOBAL/INST/STACK_GLOBAL/REDUCE were seen. */
  imports: boolean;
}

function lineEnd(head: Uint8Array, at: number): number {
  const lim = Math.min(head.byteLength, at + MAX_LINE);
  for (let i = at; i < lim; i++) if (head[i] === 0x0a) return i;
  return -1;
}

const latin1 = new TextDecoder("latin1");

function lineOk(op: number, text: string): boolean {
  switch (String.fromCharCode(op)) {
    case "I":
      return /^-?\d+$/.test(text);
    case "L":
      return /^-?\d+L?$/.test(text);
    case "F":
      return /^-?(\d+\.?\d*([eE][-+]?\d+)?|inf|nan)$/i.test(text);
    case "S":
      return /^(['"]).*\1$/s.test(text);
    case "g":
    case "p":
      return /^\d+$/.test(text);
    default:
      return true;
  }
}

const IDENT = /^[A-Za-z_][\w.]*$/;

/** Scans opcodes from the start of `head` until STOP, an invalid opcode or the end of the head. */
export function scanPickleHead(head: Uint8Array): PickleHeadScan {
  const r: PickleHeadScan = { valid: false, opcodes: 0, binary: false, imports: false };
  let at = 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  while (at < head.byteLength) {
    const op = head[at]!;
    const arg = OPS.get(op);
    if (!arg) return r;
    at++;
    if (arg === "line" || arg === "line2") {
      const e1 = lineEnd(head, at);
      if (e1 < 0) return finishAtEnd(r, head, at);
      const first = latin1.decode(head.subarray(at, e1));
      if (arg === "line") {
        if (!lineOk(op, first)) return r;
        at = e1 + 1;
      } else {
        const e2 = lineEnd(head, e1 + 1);
        if (e2 < 0) return finishAtEnd(r, head, at);
        const second = latin1.decode(head.subarray(e1 + 1, e2));
        if (!IDENT.test(first) || !IDENT.test(second)) return r;
        r.imports = true;
        at = e2 + 1;
      }
    } else if (arg !== "none") {
      r.binary = true;
      if ("fixed" in arg) at += arg.fixed;
      else {
        if (at + arg.len > head.byteLength) return finishAtEnd(r, head, at);
        const n = arg.len === 1 ? head[at]! : arg.len === 4 ? view.getUint32(at, true) : Number(view.getBigUint64(at, true));
        at += arg.len + n;
      }
      if (op === 0x80 && (head[at - 1] ?? 0) > 5) return r;
    } else if (op === 0x93 || op === 0x52 || op === 0x81 || op === 0x92) {
      r.imports = true;
    }
    r.opcodes++;
    if (op === STOP) {
      r.valid = true;
      r.stopAt = at;
      return r;
    }
  }
  return finishAtEnd(r, head, at);
}

function finishAtEnd(r: PickleHeadScan, head: Uint8Array, at: number): PickleHeadScan {
  // Ran off the sniffed head without a bad opcode: valid so far.
  r.valid = at >= head.byteLength - 1 || r.opcodes > 0;
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

/** Decides whether the head is a pickle: PROTO magic, or a well-formed protocol 0/1 opcode run. */
export function looksLikePickle(head: Uint8Array, size: number): boolean {
  if (head.byteLength >= 2 && head[0] === 0x80 && head[1]! <= 5) return true;
  const s = scanPickleHead(head);
  if (!s.valid) return false;
  // Short text such as "torch>=1.0" happens to spell TUPLE OBJ LONG_BINPUT POP_MARK STOP. Binary
  // opcodes whose arguments are all printable, with nothing imported, are text, not a pickle; a
  // pickle that imports nothing cannot call anything, so this never hides a payload.
  if (s.binary && !s.imports && isPrintable(head.subarray(0, s.stopAt ?? head.byteLength))) return false;
  if (s.stopAt !== undefined) return s.opcodes >= 2 && (s.binary || s.imports || s.opcodes >= 3 || s.stopAt === size);
  // No STOP within the head: only a long, clean run counts (a pickle bigger than the sniff window).
  return head.byteLength < size && s.opcodes >= 8 && (s.binary || s.imports);
}
