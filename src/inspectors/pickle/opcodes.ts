/**
 * Every opcode `pickletools` knows (protocols 0-5), with the shape of its inline argument. The
 * walker switches on the byte values in `OP`; the table serves the builder, tests and messages.
 */

/** How an opcode's argument is laid out after the opcode byte. */
export type ArgKind =
  | "none"
  | "u1"
  | "u2"
  | "u4"
  | "i4"
  | "u8"
  | "f8"
  /** One line of text ending in "\n". */
  | "line"
  /** Two lines (GLOBAL, INST: module then name). */
  | "lines2"
  /** A length (1, 4 or 8 bytes, little-endian) then that many bytes. */
  | "len1"
  | "len4"
  | "len4s"
  | "len8";

export interface OpcodeInfo {
  name: string;
  code: number;
  /** First protocol that has it. */
  proto: number;
  arg: ArgKind;
}

const ch = (s: string): number => s.charCodeAt(0);

export const OP = {
  MARK: ch("("),
  STOP: ch("."),
  POP: ch("0"),
  POP_MARK: ch("1"),
  DUP: ch("2"),
  FLOAT: ch("F"),
  INT: ch("I"),
  BININT: ch("J"),
  BININT1: ch("K"),
  LONG: ch("L"),
  BININT2: ch("M"),
  NONE: ch("N"),
  PERSID: ch("P"),
  BINPERSID: ch("Q"),
  REDUCE: ch("R"),
  STRING: ch("S"),
  BINSTRING: ch("T"),
  SHORT_BINSTRING: ch("U"),
  UNICODE: ch("V"),
  BINUNICODE: ch("X"),
  APPEND: ch("a"),
  BUILD: ch("b"),
  GLOBAL: ch("c"),
  DICT: ch("d"),
  EMPTY_DICT: ch("}"),
  APPENDS: ch("e"),
  GET: ch("g"),
  BINGET: ch("h"),
  INST: ch("i"),
  LONG_BINGET: ch("j"),
  LIST: ch("l"),
  EMPTY_LIST: ch("]"),
  OBJ: ch("o"),
  PUT: ch("p"),
  BINPUT: ch("q"),
  LONG_BINPUT: ch("r"),
  SETITEM: ch("s"),
  TUPLE: ch("t"),
  EMPTY_TUPLE: ch(")"),
  SETITEMS: ch("u"),
  BINFLOAT: ch("G"),
  PROTO: 0x80,
  NEWOBJ: 0x81,
  EXT1: 0x82,
  EXT2: 0x83,
  EXT4: 0x84,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  LONG1: 0x8a,
  LONG4: 0x8b,
  BINBYTES: ch("B"),
  SHORT_BINBYTES: ch("C"),
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE8: 0x8d,
  BINBYTES8: 0x8e,
  EMPTY_SET: 0x8f,
  ADDITEMS: 0x90,
  FROZENSET: 0x91,
  NEWOBJ_EX: 0x92,
  STACK_GLOBAL: 0x93,
  MEMOIZE: 0x94,
  FRAME: 0x95,
  BYTEARRAY8: 0x96,
  NEXT_BUFFER: 0x97,
  READONLY_BUFFER: 0x98,
} as const;

export type OpcodeName = keyof typeof OP;

const ARGS: Record<OpcodeName, [proto: number, arg: ArgKind]> = {
  MARK: [0, "none"],
  STOP: [0, "none"],
  POP: [0, "none"],
  POP_MARK: [1, "none"],
  DUP: [0, "none"],
  FLOAT: [0, "line"],
  INT: [0, "line"],
  BININT: [1, "i4"],
  BININT1: [1, "u1"],
  LONG: [0, "line"],
  BININT2: [1, "u2"],
  NONE: [0, "none"],
  PERSID: [0, "line"],
  BINPERSID: [1, "none"],
  REDUCE: [0, "none"],
  STRING: [0, "line"],
  BINSTRING: [1, "len4s"],
  SHORT_BINSTRING: [1, "len1"],
  UNICODE: [0, "line"],
  BINUNICODE: [1, "len4"],
  APPEND: [0, "none"],
  BUILD: [0, "none"],
  GLOBAL: [0, "lines2"],
  DICT: [0, "none"],
  EMPTY_DICT: [1, "none"],
  APPENDS: [1, "none"],
  GET: [0, "line"],
  BINGET: [1, "u1"],
  INST: [0, "lines2"],
  LONG_BINGET: [1, "u4"],
  LIST: [0, "none"],
  EMPTY_LIST: [1, "none"],
  OBJ: [1, "none"],
  PUT: [0, "line"],
  BINPUT: [1, "u1"],
  LONG_BINPUT: [1, "u4"],
  SETITEM: [0, "none"],
  TUPLE: [0, "none"],
  EMPTY_TUPLE: [1, "none"],
  SETITEMS: [1, "none"],
  BINFLOAT: [1, "f8"],
  PROTO: [2, "u1"],
  NEWOBJ: [2, "none"],
  EXT1: [2, "u1"],
  EXT2: [2, "u2"],
  EXT4: [2, "i4"],
  TUPLE1: [2, "none"],
  TUPLE2: [2, "none"],
  TUPLE3: [2, "none"],
  NEWTRUE: [2, "none"],
  NEWFALSE: [2, "none"],
  LONG1: [2, "len1"],
  LONG4: [2, "len4s"],
  BINBYTES: [3, "len4"],
  SHORT_BINBYTES: [3, "len1"],
  SHORT_BINUNICODE: [4, "len1"],
  BINUNICODE8: [4, "len8"],
  BINBYTES8: [4, "len8"],
  EMPTY_SET: [4, "none"],
  ADDITEMS: [4, "none"],
  FROZENSET: [4, "none"],
  NEWOBJ_EX: [4, "none"],
  STACK_GLOBAL: [4, "none"],
  MEMOIZE: [4, "none"],
  FRAME: [4, "u8"],
  BYTEARRAY8: [5, "len8"],
  NEXT_BUFFER: [5, "none"],
  READONLY_BUFFER: [5, "none"],
};

export const OPCODES: readonly OpcodeInfo[] = (Object.keys(OP) as OpcodeName[]).map((name) => {
  const [proto, arg] = ARGS[name];
  return { name, code: OP[name], proto, arg };
});

const BY_CODE = new Map<number, OpcodeInfo>(OPCODES.map((o) => [o.code, o]));

export function opcodeByCode(code: number): OpcodeInfo | undefined {
  return BY_CODE.get(code);
}

export function opcodeName(code: number): string {
  return BY_CODE.get(code)?.name ?? `0x${code.toString(16).padStart(2, "0")}`;
}

/** Highest protocol CPython's unpickler accepts in PROTO. */
export const HIGHEST_PROTOCOL = 5;

/**
 * Opcodes a protocol 0/1 pickle can plausibly open with: something that pushes, a MARK, or an
 * import. Used to recognise pickles that have no PROTO header (B01/B05 residual: protocol 0/1
 * pickles under non-pickle names).
 */
export const PROTO01_FIRST_OPCODES: ReadonlySet<number> = new Set(
  ["MARK", "GLOBAL", "INST", "NONE", "INT", "LONG", "FLOAT", "STRING", "UNICODE", "PERSID", "LIST", "DICT", "BININT", "BININT1", "BININT2",
    "BINFLOAT", "BINSTRING", "SHORT_BINSTRING", "BINUNICODE", "EMPTY_LIST", "EMPTY_DICT", "EMPTY_TUPLE"].map((n) => OP[n as OpcodeName]),
);
