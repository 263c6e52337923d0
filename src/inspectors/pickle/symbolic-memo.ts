import { MAX_PICKLE_CONTAINER_KEPT, MAX_PICKLE_MEMO_BYTES, MAX_PICKLE_MEMO_NAME_BYTES } from "../../limits.js";
import { failAtOffset } from "./fail-at-offset.js";
import { DROPPED, PCall, PDict, PGlobal, PSeq, type PValue } from "./values.js";

/** Estimated bytes a memo entry holds, for MAX_PICKLE_MEMO_BYTES. */
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

/**
 * What the memos of one walk share once a memo passed MAX_PICKLE_MEMO_BYTES: the fact that it did
 * (a missing key is then a dropped value, not an error), and the last names memoized after that,
 * parked until a STACK_GLOBAL shows they are names of an import.
 */
export class MemoOverflow {
  happened = false;
  readonly ringKeys = [-1, -1, -1, -1];
  readonly ringVals: PValue[] = [null, null, null, null];
  ringAt = 0;
}

/** One pickle's memo (PUT/GET, MEMOIZE), bounded: past the bound only what resolving imports needs is kept. */
export class SymbolicMemo {
  private readonly arr: PValue[] = [];
  private readonly map = new Map<number, PValue>();
  /** Entries so far: MEMOIZE's next key. */
  size = 0;
  private bytes = 0;
  private nameBytes = 0;

  constructor(private readonly overflow: MemoOverflow) {}

  get(key: number, at: number): PValue {
    const v = key < this.arr.length ? this.arr[key] : this.map.get(key);
    if (v !== undefined) return v;
    if (this.overflow.happened) return DROPPED;
    return failAtOffset(`memo value not found at index ${key}`, at);
  }

  put(key: number, v: PValue): void {
    // The common cases, kept small enough to inline: MEMOIZE (or PUT) of a new key below the bound,
    // and past the bound of a value that is neither a name nor an import (nothing to keep).
    if (key >= this.arr.length && this.map.size === 0) {
      if (this.bytes <= MAX_PICKLE_MEMO_BYTES) {
        if (key === this.arr.length) {
          this.size++;
          this.bytes += memoCost(v);
          this.arr.push(v);
          return;
        }
      } else if (typeof v !== "string" && !(v instanceof PGlobal) && !(v instanceof PCall)) {
        this.size++;
        this.overflow.happened = true;
        return;
      }
    }
    this.putAny(key, v);
  }

  private putAny(key: number, v: PValue): void {
    const known = key < this.arr.length ? this.arr[key] !== undefined : this.map.size > 0 && this.map.has(key);
    if (!known) this.size++;
    if (this.bytes > MAX_PICKLE_MEMO_BYTES) {
      const o = this.overflow;
      o.happened = true;
      // Past the bound keep only what resolving imports and joblib arrays needs: imported globals and
      // the objects they built (dtypes fetched again by BINGET). Names are parked in a small ring and
      // kept only if a STACK_GLOBAL then uses them, which is how pickle.py's save_global memoizes them.
      if (v instanceof PGlobal || (v instanceof PCall && v.callee instanceof PGlobal)) {
        if (this.nameBytes < MAX_PICKLE_MEMO_NAME_BYTES) {
          this.nameBytes += memoCost(v);
          this.store(key, v);
          return;
        }
      } else if (isName(v)) {
        const i = o.ringAt++ & 3;
        o.ringKeys[i] = key;
        o.ringVals[i] = v;
      }
      // A value we cannot keep must not shadow an older one under the same key.
      if (known) {
        if (key < this.arr.length) this.arr[key] = DROPPED;
        else this.map.set(key, DROPPED);
      }
      return;
    }
    this.bytes += memoCost(v);
    this.store(key, v);
  }

  /** Keeps parked names that a STACK_GLOBAL just used (only after an overflow). */
  promoteNames(module: PValue, name: PValue): void {
    if (!this.overflow.happened) return;
    this.promote(module);
    this.promote(name);
  }

  private promote(v: PValue): void {
    const o = this.overflow;
    const i = o.ringVals.indexOf(v);
    if (i < 0 || typeof v !== "string" || this.nameBytes >= MAX_PICKLE_MEMO_NAME_BYTES) return;
    this.nameBytes += memoCost(v);
    this.store(o.ringKeys[i]!, v);
    o.ringVals[i] = null;
  }

  private store(key: number, v: PValue): void {
    if (key < this.arr.length) this.arr[key] = v;
    else if (key === this.arr.length) this.arr.push(v);
    else this.map.set(key, v);
  }
}
