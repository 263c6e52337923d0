/**
 * The shape of CPython's unpickler stack, without values: how many items sit above the innermost
 * MARK (the "fence" of Modules/_pickle.c) and how many sat above each outer mark. The sniffer uses it
 * to refuse what `_pickle.c` refuses before importing anything ("unpickling stack underflow",
 * "could not find MARK"), so bytes that only spell opcodes (a safetensors length, JSON, prose) are
 * not taken for a pickle. It is never stricter than CPython: type and memo errors are not modelled.
 */
export interface PickleStackShape {
  /** Items above the innermost mark (or above the bottom when there is no mark). */
  depth: number;
  /** For each open mark, outermost first: the depth below it when it was pushed. */
  marks: number[];
}

export const emptyStackShape = (): PickleStackShape => ({ depth: 0, marks: [] });

/** An opcode that needs `need` items above the fence and changes the depth by `delta`. */
type Plain = readonly [need: number, delta: number];
/** An opcode that pops to the innermost mark, then needs `below` items under it, then pushes `push`. */
interface ToMark {
  readonly above: number;
  readonly below: number;
  readonly push: number;
}

const PLAIN = new Map<number, Plain>();
const TO_MARK = new Map<number, ToMark>();
const plain = (ops: string | number[], need: number, delta: number): void => {
  for (const op of typeof ops === "string" ? [...ops].map((c) => c.charCodeAt(0)) : ops) PLAIN.set(op, [need, delta]);
};

// Values pushed from arguments, the memo, imports and persistent ids.
plain("FIJKLMNSTUVXGBCPghjc)]}", 0, 1);
plain([0x82, 0x83, 0x84, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x96, 0x97], 0, 1);
plain([0x80, 0x95], 0, 0); // PROTO, FRAME
plain(".", 1, -1); // STOP
plain("2", 1, 1); // DUP
plain("Q", 1, 0); // BINPERSID
plain("pqr", 1, 0); // PUT, BINPUT, LONG_BINPUT
plain([0x94, 0x98, 0x85], 1, 0); // MEMOIZE, READONLY_BUFFER, TUPLE1
plain("Rba", 2, -1); // REDUCE, BUILD, APPEND (the list under the item)
plain([0x81, 0x93, 0x86], 2, -1); // NEWOBJ, STACK_GLOBAL, TUPLE2
plain("s", 3, -2); // SETITEM (the dict under key and value)
plain([0x92, 0x87], 3, -2); // NEWOBJ_EX, TUPLE3
for (const c of "tldi") TO_MARK.set(c.charCodeAt(0), { above: 0, below: 0, push: 1 }); // TUPLE, LIST, DICT, INST
TO_MARK.set(0x91, { above: 0, below: 0, push: 1 }); // FROZENSET
TO_MARK.set(0x6f, { above: 1, below: 0, push: 1 }); // OBJ: the class sits above the mark
for (const op of [0x65, 0x75, 0x90]) TO_MARK.set(op, { above: 0, below: 1, push: 0 }); // APPENDS, SETITEMS, ADDITEMS: the container sits below it
TO_MARK.set(0x31, { above: 0, below: 0, push: 0 }); // POP_MARK

const MARK = 0x28;
const POP = 0x30;

/**
 * Applies one opcode to the shape; false when `_pickle.c` would raise on it for want of stack items
 * or a mark. INST checks its mark before it reads its lines and imports, as `load_inst` does.
 */
export function stepStackShape(s: PickleStackShape, op: number): boolean {
  const p = PLAIN.get(op);
  if (p) {
    if (s.depth < p[0]) return false;
    s.depth += p[1];
    return true;
  }
  if (op === MARK) {
    s.marks.push(s.depth);
    s.depth = 0;
    return true;
  }
  if (op === POP) {
    // load_pop drops a mark sitting on top of the stack, else one item above the fence.
    if (s.depth > 0) s.depth--;
    else if (s.marks.length > 0) s.depth = s.marks.pop()!;
    else return false;
    return true;
  }
  const m = TO_MARK.get(op);
  if (!m) return true;
  if (s.marks.length === 0 || s.depth < m.above) return false;
  s.depth = s.marks.pop()!;
  if (s.depth < m.below) return false;
  s.depth += m.push;
  return true;
}
