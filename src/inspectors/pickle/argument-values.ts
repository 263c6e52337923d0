import { MAX_PICKLE_STRING_KEPT } from "../../limits.js";
import { parsePickleInt } from "./py-int.js";
import { PLongStr, type PValue } from "./values.js";

/**
 * Opcode arguments turned into the values the walker keeps, for the arguments that are not plain
 * numbers: LONG1/LONG4 bytes and the text lines of protocol 0. Each returns undefined where the
 * unpickler raises; the walker names the problem and the offset.
 */

/** Characters kept from a string that is longer than MAX_PICKLE_STRING_KEPT. */
export const PREFIX_BYTES = 96;

/** Little-endian two's complement integer of `len` bytes (LONG1/LONG4). */
export function longValue(buf: Uint8Array, at: number, len: number): number | bigint {
  if (len === 0) return 0;
  if (len <= 6) {
    let v = 0;
    for (let i = len - 1; i >= 0; i--) v = v * 256 + buf[at + i]!;
    if (buf[at + len - 1]! & 0x80) v -= 2 ** (8 * len);
    return v;
  }
  let v = 0n;
  for (let i = len - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[at + i]!);
  if (buf[at + len - 1]! & 0x80) v -= 1n << BigInt(8 * len);
  return v;
}

/** A parsed integer as the walker keeps it: a number when exact, else a bigint. */
function intValue(v: bigint | undefined): number | bigint | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** INT's line: pickle.py reads "01" and "00" as True and False. */
export function intLineValue(s: string): PValue | undefined {
  if (s === "01") return true;
  if (s === "00") return false;
  return intValue(parsePickleInt(s, "INT"));
}

export function longLineValue(s: string): PValue | undefined {
  return intValue(parsePickleInt(s, "LONG"));
}

/** FLOAT's line as Python's float() reads it, "inf" and "nan" spellings included. */
export function floatLineValue(line: string): number | undefined {
  const s = line.trim();
  const v = /^[+-]?(inf(inity)?|nan)$/i.test(s) ? Number(s.replace(/inf(inity)?/i, "Infinity").replace(/nan/i, "NaN")) : Number(s);
  if (s === "" || (Number.isNaN(v) && !/nan/i.test(s))) return undefined;
  return v;
}

/** STRING's line without its quotes; undefined when it is not quoted alike at both ends. */
export function unquoted(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || (q !== "'" && q !== '"') || s[s.length - 1] !== q) return undefined;
  return s.slice(1, -1);
}

/** GET/PUT's memo key: a non-negative decimal. */
export function memoKeyValue(s: string): number | undefined {
  const parsed = parsePickleInt(s, "KEY");
  if (parsed === undefined || parsed < 0n) return undefined;
  return Number(parsed);
}

/** A decoded string as the walker keeps it: whole up to MAX_PICKLE_STRING_KEPT characters, else a prefix and the length. */
export function keptText(s: string): string | PLongStr {
  return s.length > MAX_PICKLE_STRING_KEPT ? new PLongStr(s.slice(0, PREFIX_BYTES), s.length) : s;
}

/** The first characters of a line opcode's argument, for a message. */
export function quoteForMessage(s: string): string {
  return JSON.stringify(s.slice(0, 40));
}
