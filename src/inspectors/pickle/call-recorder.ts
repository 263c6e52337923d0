import { HIGHEST_PROTOCOL } from "./opcodes.js";
import { failAtOffset } from "./fail-at-offset.js";
import { PYTHON2_NAMES_BELOW_PROTOCOL, type Python2Names } from "./python2-names.js";
import { DROPPED, PBytes, PCall, PGlobal, PLongStr, POpaque, PPersistent, PSeq, type CallOpcode, type PValue } from "./values.js";
import type { WalkSink } from "./walk-sink.js";

function isPickleHead(b0: number, b1: number): boolean {
  return (b0 === 0x80 && b1 >= 2 && b1 <= HIGHEST_PROTOCOL) || (b0 === 0x50 && b1 === 0x4b);
}

/** Why an import's module or name cannot be known statically; undefined for a str, or for what can never be a str. */
function unresolvedBecause(v: PValue): string | undefined {
  if (typeof v === "string") return undefined;
  if (v === DROPPED) return "taken from a memo entry dropped after the memo bound";
  if (v instanceof PLongStr) return `a string of ${v.length} characters`;
  if (v instanceof PCall || v instanceof PPersistent || v instanceof POpaque) return "computed while unpickling";
  return undefined;
}

/**
 * Turns the imports and calls the walk meets into the values it keeps on its stack and reports them
 * to the sink, counting them per pickle. Offsets are file offsets.
 */
export class CallRecorder {
  /** The pickle of the file being walked (0 for the first). */
  stream = 0;
  globals = 0;
  calls = 0;

  constructor(
    private readonly sink: WalkSink,
    private readonly python2Names?: Python2Names,
  ) {}

  /** Starts counting for the pickle `index` of the file. */
  startStream(index: number): void {
    this.stream = index;
    this.globals = 0;
    this.calls = 0;
  }

  /** An import by name (GLOBAL, INST, STACK_GLOBAL) in a pickle of protocol `proto`. */
  global(module: PValue, name: PValue, at: number, length: number, via: "GLOBAL" | "STACK_GLOBAL" | "INST", proto: number): PGlobal {
    let g: PGlobal;
    if (typeof module === "string" && typeof name === "string") {
      // find_class rewrites Python 2 names before importing when the stream's protocol is below 3.
      const to = proto < PYTHON2_NAMES_BELOW_PROTOCOL ? this.python2Names?.rewrite(module, name) : undefined;
      g = to ? new PGlobal(to[0], to[1], at, length, via, undefined, undefined, `${module}.${name}`) : new PGlobal(module, name, at, length, via);
    } else {
      const reason = unresolvedBecause(module) ?? unresolvedBecause(name);
      // _pickle.c: "STACK_GLOBAL requires str" for anything that cannot be a str at run time.
      if (reason === undefined) failAtOffset("STACK_GLOBAL requires str", at);
      g = new PGlobal(typeof module === "string" ? module : null, typeof name === "string" ? name : null, at, length, via, reason);
    }
    this.reportGlobal(g);
    return g;
  }

  /** An import through the copyreg extension registry (EXT1/2/4): the name is not in the file. */
  extension(code: number, at: number, length: number): PGlobal {
    const g = new PGlobal(null, null, at, length, "EXT", "copyreg extension registry code", code);
    this.reportGlobal(g);
    return g;
  }

  /** Reports an import: one met here, or one another walk over part of this file met (the joblib shadow walk). */
  reportGlobal(g: PGlobal): void {
    this.globals++;
    this.sink.onGlobal(g, this.stream);
  }

  /** A call (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ): its result, reported with payload-looking arguments. */
  call(callee: PValue, args: PValue, kwargs: PValue | undefined, opcode: CallOpcode, at: number): PCall {
    const c = new PCall(callee, args, kwargs, opcode, at);
    this.calls++;
    this.sink.onCall(c, this.stream, callee instanceof PGlobal ? "global" : "value");
    if (args instanceof PSeq) for (const a of args.items) this.payloadOf(a, c);
    return c;
  }

  /** BUILD on an object built by a call: `__setstate__` (or a dict update) with `state`. */
  build(inst: PCall, state: PValue, at: number): void {
    inst.state = state;
    this.calls++;
    this.sink.onCall(new PCall(inst, state, undefined, "BUILD", at), this.stream, "value");
  }

  /** Mutation of whatever sits below: reported only when it is a bare global (module state), e.g. `GLOBAL x y; BUILD`. */
  mutate(target: PValue, arg: PValue, opcode: CallOpcode, at: number): void {
    if (target instanceof PGlobal) {
      this.calls++;
      this.sink.onCall(new PCall(target, arg, undefined, opcode, at), this.stream, "global");
    }
  }

  private payloadOf(a: PValue, c: PCall): void {
    if (a instanceof PBytes && a.head >= 0 && isPickleHead(a.head >> 8, a.head & 0xff)) {
      this.sink.onPayload({ offset: a.offset, length: a.length, callOffset: c.offset, kind: a.head >> 8 === 0x80 ? "pickle" : "zip" }, this.stream);
    } else if (typeof a === "string" && a.length >= 2 && isPickleHead(a.charCodeAt(0), a.charCodeAt(1))) {
      // Python 2 era payloads: `pickle.loads(_codecs.encode("\x80\x02…", "latin1"))` or a str argument.
      this.sink.onPayload({ bytes: Buffer.from(a, "latin1"), callOffset: c.offset, kind: a.charCodeAt(0) === 0x80 ? "pickle" : "zip" }, this.stream);
    }
  }
}
