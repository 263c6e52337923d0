import { ParseError } from "../../errors.js";

/** The Python literal values a .npy header may hold. */
export type PyValue = string | number | boolean | null | PyValue[] | { [k: string]: PyValue };

const MAX_DEPTH = 32;

/**
 * Parses the Python dict literal of a .npy header (numpy reads it with `ast.literal_eval`): dicts,
 * tuples, lists, quoted strings, integers, True/False/None. Nothing is evaluated.
 */
export function parsePyLiteral(text: string, base: number): PyValue {
  let at = 0;
  const fail = (msg: string): never => {
    throw new ParseError(`numpy header: ${msg} at header offset ${at}`, { offset: base + at });
  };
  const ws = (): void => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const value = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail("nesting too deep");
    ws();
    const c = text[at];
    if (c === "{") return dict(depth);
    if (c === "(" || c === "[") return seq(depth, c === "(" ? ")" : "]");
    if (c === "'" || c === '"') return str(c);
    const m = /^(-?\d+)L?|^(True|False|None)/.exec(text.slice(at, at + 64));
    if (!m) return fail("unexpected token");
    at += m[0].length;
    if (m[2] !== undefined) return m[2] === "True" ? true : m[2] === "False" ? false : null;
    return Number(m[1]);
  };
  const str = (q: string): string => {
    at++;
    let out = "";
    while (at < text.length && text[at] !== q) {
      if (text[at] === "\\" && at + 1 < text.length) at++;
      out += text[at++];
    }
    if (text[at] !== q) fail("unterminated string");
    at++;
    return out;
  };
  const seq = (depth: number, close: string): PyValue[] => {
    at++;
    const out: PyValue[] = [];
    for (;;) {
      ws();
      if (text[at] === close) {
        at++;
        return out;
      }
      out.push(value(depth + 1));
      ws();
      if (text[at] === ",") at++;
      else if (text[at] !== close) fail(`expected "," or "${close}"`);
    }
  };
  const dict = (depth: number): { [k: string]: PyValue } => {
    at++;
    const out: { [k: string]: PyValue } = {};
    for (;;) {
      ws();
      if (text[at] === "}") {
        at++;
        return out;
      }
      const k = value(depth + 1);
      if (typeof k !== "string") fail("dict key is not a string");
      ws();
      if (text[at] !== ":") fail('expected ":"');
      at++;
      out[k as string] = value(depth + 1);
      ws();
      if (text[at] === ",") at++;
      else if (text[at] !== "}") fail('expected "," or "}"');
    }
  };
  const v = value(0);
  return v;
}
