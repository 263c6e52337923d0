/**
 * Integer arguments of the text opcodes exactly as CPython's _pickle.c reads them, so neither the
 * sniffer nor the walker is stricter than the unpickler (a pickle that starts `I 0x10\n` loads fine;
 * a scanner that refuses it never sees the import that follows).
 *  - INT:  strtol(s, &end, 0), else PyLong_FromString(s, NULL, 0)  (load_int)
 *  - LONG: PyLong_FromString(s, NULL, 0) after one trailing "L"      (load_long)
 *  - GET/PUT: PyLong_FromString(s, NULL, 10)                         (load_get, load_put)
 */

/** CPython's int_max_str_digits default: longer decimal strings raise ValueError. */
const MAX_DECIMAL_DIGITS = 4300;
const RADIX: Record<string, number> = { x: 16, o: 8, b: 2 };

/** PyLong_FromString: surrounding whitespace, a sign, base prefixes (base 0), single underscores between digits. */
export function pyLongFromString(s: string, base: 0 | 10): bigint | undefined {
  let t = s.replace(/^[\s\v]+|[\s\v]+$/g, "");
  let sign = "";
  if (t[0] === "+" || t[0] === "-") {
    sign = t[0] === "-" ? "-" : "";
    t = t.slice(1);
  }
  let radix = 10;
  if (base === 0 && /^0[xXoObB]/.test(t)) {
    radix = RADIX[t[1]!.toLowerCase()]!;
    t = t.slice(2);
    // One underscore may follow the prefix (0x_1f).
    if (t.startsWith("_")) t = t.slice(1);
  }
  if (!/^[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(t)) return undefined;
  const digits = t.replace(/_/g, "");
  if ([...digits].some((c) => Number.parseInt(c, 16) >= radix)) return undefined;
  // Base 0 refuses leading zeros on decimal literals ("010"), except zero itself.
  if (base === 0 && radix === 10 && digits.length > 1 && digits[0] === "0" && !/^0+$/.test(digits)) return undefined;
  if (radix === 10 && digits.length > MAX_DECIMAL_DIGITS) return undefined;
  const prefix = radix === 16 ? "0x" : radix === 8 ? "0o" : radix === 2 ? "0b" : "";
  const v = BigInt(prefix + digits);
  return sign === "-" ? -v : v;
}

/** C strtol with base 0 consuming the whole argument: leading whitespace, sign, 0x hex, 0-prefixed octal. */
function strtolBase0(s: string): bigint | undefined {
  const m = /^[\s\v]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  const v = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body[0] === "0" ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
  // Out of long range: errno is set and _pickle.c falls back to PyLong_FromString.
  if (v > 0x7fffffffffffffffn) return undefined;
  return m[1] === "-" ? -v : v;
}

export type IntOpcode = "INT" | "LONG" | "KEY";

/** The integer an INT/LONG/GET/PUT line means to CPython, or undefined when it raises. */
export function parsePickleInt(text: string, op: IntOpcode): bigint | undefined {
  if (op === "INT") return strtolBase0(text) ?? pyLongFromString(text, 0);
  if (op === "LONG") return pyLongFromString(text.endsWith("L") ? text.slice(0, -1) : text, 0);
  return pyLongFromString(text, 10);
}
