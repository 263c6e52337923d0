import { LimitExceededError } from "../../errors.js";
import { MAX_PICKLE_CONTAINER_KEPT, MAX_PICKLE_STACK_DEPTH } from "../../limits.js";
import { failAtOffset } from "./fail-at-offset.js";
import type { PValue } from "./values.js";

/**
 * The unpickler's value stack and MARK stack, mirroring _pickle.c's Pdata: a pop never crosses the
 * innermost MARK (the fence). Offsets passed in are file offsets, for the messages of underflows.
 */
export class SymbolicStack {
  readonly values: PValue[] = [];
  readonly marks: number[] = [];
  /** Stack length at the innermost MARK; values below it cannot be popped. */
  fence = 0;

  push(v: PValue): void {
    const s = this.values;
    if (s.length >= MAX_PICKLE_STACK_DEPTH) throw new LimitExceededError("MAX_PICKLE_STACK_DEPTH", `pickle stack deeper than ${MAX_PICKLE_STACK_DEPTH} values`);
    s.push(v);
  }

  pop(at: number): PValue {
    if (this.values.length <= this.fence) failAtOffset("unpickling stack underflow", at);
    return this.values.pop()!;
  }

  top(at: number): PValue {
    const s = this.values;
    if (s.length <= this.fence) failAtOffset("unpickling stack underflow", at);
    return s[s.length - 1]!;
  }

  /** Fails unless `k` values sit above the innermost MARK. */
  require(k: number, at: number): void {
    if (this.values.length - k < this.fence) failAtOffset("unpickling stack underflow", at);
  }

  mark(): void {
    if (this.marks.length >= MAX_PICKLE_STACK_DEPTH) throw new LimitExceededError("MAX_PICKLE_STACK_DEPTH", `more than ${MAX_PICKLE_STACK_DEPTH} open MARKs`);
    this.marks.push(this.values.length);
    this.fence = this.values.length;
  }

  /** Pops the innermost MARK and returns the values above it (the first few kept) and their count. */
  popMark(at: number): { items: PValue[]; count: number } {
    const m = this.marks.pop();
    if (m === undefined) failAtOffset("could not find MARK", at);
    const s = this.values;
    const count = s.length - m;
    const items = s.slice(m, m + MAX_PICKLE_CONTAINER_KEPT);
    s.length = m;
    this.fence = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    return { items, count };
  }

  /** POP: _pickle.c load_pop takes a MARK sitting exactly at the top instead of a value. */
  popValueOrMark(at: number): void {
    const m = this.marks.length;
    if (m > 0 && this.marks[m - 1] === this.values.length) {
      this.marks.pop();
      this.fence = this.marks.length > 0 ? this.marks[this.marks.length - 1]! : 0;
    } else this.pop(at);
  }
}
