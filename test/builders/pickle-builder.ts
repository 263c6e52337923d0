import { OP, OPCODES, type OpcodeName } from "../../src/inspectors/pickle/opcodes.js";

export type OpArg = number | bigint | string | Uint8Array | readonly [string, string] | undefined;

const enc = new TextEncoder();

function latin1(s: string): Uint8Array {
  return Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
}

function le(n: number, width: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(width * 8, BigInt(n));
  for (let i = 0; i < width; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

/** Two's complement little-endian, shortest form, as pickle's encode_long writes it. */
function encodeLong(v: bigint): number[] {
  if (v === 0n) return [];
  const out: number[] = [];
  let x = v;
  for (;;) {
    out.push(Number(x & 0xffn));
    x >>= 8n;
    const sign = out[out.length - 1]! & 0x80;
    if ((x === 0n && !sign) || (x === -1n && sign)) break;
  }
  return out;
}

/**
 * A pickle assembler: emits opcodes by their pickletools name with properly encoded arguments, for
 * hand-built benign and hostile pickles of every protocol. It never validates semantics, so it can
 * write anything an attacker could.
 */
export class PickleBuilder {
  private readonly parts: number[] = [];

  /** Appends one opcode with its argument encoded the way pickletools describes it. */
  op(name: OpcodeName, arg?: OpArg): this {
    const info = OPCODES.find((o) => o.name === name)!;
    this.parts.push(info.code);
    const text = (a: OpArg): Uint8Array => {
      if (a instanceof Uint8Array) return a;
      if (typeof a === "string") return name === "BINSTRING" || name === "SHORT_BINSTRING" ? latin1(a) : enc.encode(a);
      throw new Error(`${name} needs a string or bytes argument`);
    };
    switch (info.arg) {
      case "none":
        break;
      case "u1":
        this.parts.push(Number(arg) & 0xff);
        break;
      case "u2":
        this.parts.push(...le(Number(arg), 2));
        break;
      case "u4":
      case "i4":
        this.parts.push(...le(Number(arg), 4));
        break;
      case "u8":
        this.parts.push(...le(Number(arg), 8));
        break;
      case "f8": {
        const dv = new DataView(new ArrayBuffer(8));
        dv.setFloat64(0, Number(arg), false);
        for (let i = 0; i < 8; i++) this.parts.push(dv.getUint8(i));
        break;
      }
      case "line":
        this.parts.push(...latin1(String(arg)), 0x0a);
        break;
      case "lines2": {
        const [m, n] = arg as readonly [string, string];
        this.parts.push(...enc.encode(m), 0x0a, ...enc.encode(n), 0x0a);
        break;
      }
      case "len1":
      case "len4":
      case "len4s":
      case "len8": {
        const body = name === "LONG1" || name === "LONG4" ? Uint8Array.from(encodeLong(BigInt(arg as number | bigint))) : text(arg);
        const width = info.arg === "len1" ? 1 : info.arg === "len8" ? 8 : 4;
        this.parts.push(...le(body.length, width), ...body);
        break;
      }
    }
    return this;
  }

  /** Raw bytes, for garbage and forged arguments. */
  raw(bytes: Uint8Array | readonly number[] | string): this {
    this.parts.push(...(typeof bytes === "string" ? latin1(bytes) : bytes));
    return this;
  }

  proto(n: number): this {
    return this.op("PROTO", n);
  }

  /** A str with the smallest protocol 4 opcode. */
  str(s: string): this {
    return enc.encode(s).length < 256 ? this.op("SHORT_BINUNICODE", s) : this.op("BINUNICODE", s);
  }

  int(n: number): this {
    if (n >= 0 && n < 256) return this.op("BININT1", n);
    if (n >= 0 && n < 65536) return this.op("BININT2", n);
    return this.op("BININT", n);
  }

  /** `GLOBAL module name` (protocol 0-3 style import). */
  global(module: string, name: string): this {
    return this.op("GLOBAL", [module, name]);
  }

  /** Protocol 4 import: two strings then STACK_GLOBAL. */
  stackGlobal(module: string, name: string): this {
    return this.str(module).str(name).op("STACK_GLOBAL");
  }

  /** Pushes a tuple of constant strings/ints. */
  tuple(items: readonly (string | number)[]): this {
    if (items.length === 0) return this.op("EMPTY_TUPLE");
    const small = items.length <= 3;
    if (!small) this.op("MARK");
    for (const i of items) {
      if (typeof i === "string") this.str(i);
      else this.int(i);
    }
    if (!small) return this.op("TUPLE");
    return this.op(items.length === 1 ? "TUPLE1" : items.length === 2 ? "TUPLE2" : "TUPLE3");
  }

  /** `module.name(*args)` via GLOBAL + tuple + REDUCE. */
  call(module: string, name: string, args: readonly (string | number)[]): this {
    return this.global(module, name).tuple(args).op("REDUCE");
  }

  stop(): this {
    return this.op("STOP");
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }

  get length(): number {
    return this.parts.length;
  }
}

/** Shorthand: a fresh builder. */
export function pickle(): PickleBuilder {
  return new PickleBuilder();
}

/** The classic payload: `R(os.system, (cmd,))` at protocol 2. */
export function osSystemPickle(cmd = "echo pwned", proto = 2): Uint8Array {
  return pickle().proto(proto).call("os", "system", [cmd]).stop().bytes();
}

export { OP };
