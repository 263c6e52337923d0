import type { StreamSummary, WalkResult } from "./walk-result.js";
import type { CallOpcode, GlobalVia } from "./values.js";

/**
 * A reading of the bytes other than the linear one every unpickler agrees on while FRAMEs are
 * well formed: "c-unpickler-file" is CPython's C unpickler reading a file object through its frame
 * buffer (see c-file-reading.ts), which skips the rest of a frame an argument runs past.
 */
export type PickleReading = "c-unpickler-file";

/** One distinct import of a pickle artifact (first occurrence, with how often it recurs). */
export interface PickleGlobalFact {
  /** Null when the module/name could not be resolved statically (see `unresolved`). */
  module: string | null;
  name: string | null;
  via: GlobalVia;
  /** Byte offset of the first occurrence's opcode. */
  offset: number;
  /** Bytes of that opcode with its inline arguments (GLOBAL's two lines; 1 for STACK_GLOBAL). */
  length?: number;
  count: number;
  /** Index of the pickle (0 = first) in a file holding several back to back. */
  stream: number;
  unresolved?: string;
  /** EXT1/2/4 code looked up in copyreg's extension registry. */
  extCode?: number;
  /** `module.name` as written in the stream when CPython imports `module.name` instead (Python 2 names, protocol < 3). */
  written?: string;
  /** Met only by this reading of the bytes, not by the linear one. */
  reading?: PickleReading;
}

export interface PickleCallSample {
  offset: number;
  /** Python-like rendering with constant arguments, e.g. `os.system("curl … | sh")`. */
  call: string;
}

/** One distinct callable invoked while unpickling (REDUCE, NEWOBJ, NEWOBJ_EX, INST, OBJ, BUILD, or a mutation of a global). */
export interface PickleCallFact {
  opcode: CallOpcode;
  /** The callable: `module.name`, or `module.name(…)` for a method of an object built by that call. */
  callee: string;
  /** "global": invoked on a bare imported object (a function call, or BUILD/SETITEM/APPEND mutating module state). */
  target: "global" | "value";
  /** Every import referenced by the callee chain and the arguments of the first sample. */
  globals: { module: string | null; name: string | null; unresolved?: string; extCode?: number }[];
  offset: number;
  count: number;
  stream: number;
  /** Up to three occurrences with their rendering. */
  samples: PickleCallSample[];
  /** Met only by this reading of the bytes, not by the linear one. */
  reading?: PickleReading;
}

/** Per artifact: how the pickle stream(s) were laid out and how the walk ended. */
export interface PickleSummaryFact {
  layout: WalkResult["layout"];
  pickles: number;
  protocol: number;
  opcodes: number;
  distinctGlobals: number;
  distinctCallables: number;
  /** Calls and imports beyond MAX_PICKLE_DISTINCT_CALLABLES that were only counted. */
  uncountedCallables: number;
  rawStorageOffset?: number;
  trailing?: { offset: number; length: number };
  memoOverflow: boolean;
  frameViolations: number;
  /** Bytes CPython's C unpickler skips when it reads the file through its frame buffer (frame tails an argument runs past). */
  cFileReadingSkips?: { offset: number; length: number }[];
  joblibArrays: number;
  bytesSkipped: number;
  /** The walk stopped on malformed input (first pickle), or a later pickle broke after importing something. */
  error?: { message: string; offset: number; stream: number; callsBefore: number; globalsBefore: number };
  streams: StreamSummary[];
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "pickle.global": PickleGlobalFact;
    "pickle.call": PickleCallFact;
    "pickle.summary": PickleSummaryFact;
  }
}
