/**
 * The symbolic values the walker keeps on its stack and memo. Only what resolving imports and
 * describing calls needs survives: short strings and numbers as JS primitives, byte blobs as file
 * offsets, containers with their first few items, and placeholders for everything else.
 */

/** Raw bytes (BINBYTES*, BYTEARRAY8) never copied: where they sit in the artifact. */
export class PBytes {
  constructor(
    readonly offset: number,
    readonly length: number,
    /** First byte and second byte of the payload packed as (b0 << 8 | b1), or -1 when not seen. */
    readonly head: number,
    readonly mutable: boolean,
  ) {}
}

/** A string longer than the kept cap: its first characters and its length. */
export class PLongStr {
  constructor(
    readonly prefix: string,
    readonly length: number,
  ) {}
}

export type SeqKind = "tuple" | "list" | "set" | "frozenset";

/** Tuple, list, set: the first MAX_PICKLE_CONTAINER_KEPT items and the total count. */
export class PSeq {
  constructor(
    readonly kind: SeqKind,
    readonly items: PValue[],
    public count: number,
  ) {}
}

/** A dict with its first pairs. */
export class PDict {
  readonly keys: PValue[] = [];
  readonly values: PValue[] = [];
  count = 0;
}

export type GlobalVia = "GLOBAL" | "STACK_GLOBAL" | "INST" | "EXT";

/** An imported object. `module`/`name` are null when they could not be resolved statically. */
export class PGlobal {
  constructor(
    readonly module: string | null,
    readonly name: string | null,
    readonly offset: number,
    readonly length: number,
    readonly via: GlobalVia,
    /** Why the name is unknown (memo value dropped, not a string, extension code ...). */
    readonly unresolved?: string,
    readonly extCode?: number,
    /** `module.name` as the stream spells it, when the unpickler imports another name (Python 2 names). */
    readonly written?: string,
  ) {}
}

export type CallOpcode = "REDUCE" | "NEWOBJ" | "NEWOBJ_EX" | "INST" | "OBJ" | "BUILD" | "APPEND" | "APPENDS" | "SETITEM" | "SETITEMS" | "ADDITEMS";

/** The result of calling something while unpickling (REDUCE, NEWOBJ, INST, OBJ ...). */
export class PCall {
  /** Last BUILD state applied to this object (joblib array wrappers need it). */
  state: PValue | undefined;
  constructor(
    readonly callee: PValue,
    readonly args: PValue,
    readonly kwargs: PValue | undefined,
    readonly opcode: CallOpcode,
    readonly offset: number,
  ) {}
}

/** What persistent_load returns (PyTorch storages). */
export class PPersistent {
  constructor(readonly pid: PValue) {}
}

/** Something the walker does not model: an out-of-band buffer, a dropped memo entry, a huge int. */
export class POpaque {
  constructor(readonly what: string) {}
}

export type PValue = null | boolean | number | bigint | string | PBytes | PLongStr | PSeq | PDict | PGlobal | PCall | PPersistent | POpaque;

export const DROPPED = new POpaque("value dropped after the memo bound");
export const BUFFER = new POpaque("out-of-band buffer");
export const HUGE_INT = new POpaque("int");
export const LONG_TEXT = new POpaque("text");

/** The legacy PyTorch file magic, pickled as the first value (torch/serialization.py MAGIC_NUMBER). */
export const TORCH_LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

/** The string value of a str-like constant, or undefined. */
export function strOf(v: PValue | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Walks down call results to the global they were derived from (`getattr(os, "x")(...)` → getattr). */
export function rootGlobal(v: PValue | undefined, depth = 0): PGlobal | undefined {
  if (depth > 16) return undefined;
  if (v instanceof PGlobal) return v;
  if (v instanceof PCall) return rootGlobal(v.callee, depth + 1);
  return undefined;
}

/** Every global referenced by a value (callee chain and arguments), bounded. */
export function globalsIn(v: PValue | undefined, out: PGlobal[] = [], depth = 0, seen = new Set<object>()): PGlobal[] {
  if (depth > 8 || out.length >= 32 || v === null || typeof v !== "object") return out;
  if (seen.has(v)) return out;
  seen.add(v);
  if (v instanceof PGlobal) out.push(v);
  else if (v instanceof PCall) {
    globalsIn(v.callee, out, depth + 1, seen);
    globalsIn(v.args, out, depth + 1, seen);
    if (v.kwargs !== undefined) globalsIn(v.kwargs, out, depth + 1, seen);
  } else if (v instanceof PSeq) for (const i of v.items) globalsIn(i, out, depth + 1, seen);
  else if (v instanceof PDict) {
    for (const k of v.keys) globalsIn(k, out, depth + 1, seen);
    for (const x of v.values) globalsIn(x, out, depth + 1, seen);
  } else if (v instanceof PPersistent) globalsIn(v.pid, out, depth + 1, seen);
  return out;
}
