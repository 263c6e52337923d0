import { LimitExceededError, ParseError } from "../../errors.js";
import { MAX_JSON_DEPTH } from "../../limits.js";

/** JSON objects are Maps: a `__proto__` key in hostile input stays a plain key (no prototype pollution). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;

/** A key that appears twice in one object. `JSON.parse`, Python and serde_json keep the last; other readers keep the first. */
export interface DuplicateKey {
  /** JSON pointer of the object holding the key. */
  pointer: string;
  key: string;
  /** Byte offset of the second occurrence. */
  offset: number;
}

export interface StrictJson {
  value: JsonValue;
  duplicates: DuplicateKey[];
  /** Byte offset where each top-level key's value starts (for SARIF regions). */
  topLevelOffsets: Map<string, { start: number; end: number }>;
  /** With `recordObjects`: the byte range of every object, by JSON pointer. */
  objects: Map<string, { start: number; end: number }>;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function pointerPart(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * A strict JSON reader over UTF-8 bytes (RFC 8259): reports duplicate keys, which `JSON.parse`
 * silently resolves, so two loaders cannot see two different files unnoticed. Offsets are byte
 * offsets into `bytes` (plus `base`), ready for SARIF regions. Depth is bounded (MAX_JSON_DEPTH).
 */
export function parseStrictJson(bytes: Uint8Array, base = 0, opts: { recordObjects?: boolean } = {}): StrictJson {
  let pos = 0;
  const duplicates: DuplicateKey[] = [];
  const topLevelOffsets = new Map<string, { start: number; end: number }>();
  const objects = new Map<string, { start: number; end: number }>();

  const fail = (what: string): never => {
    throw new ParseError(`invalid JSON at byte ${base + pos}: ${what}`, { offset: base + pos });
  };
  const ws = (): void => {
    while (pos < bytes.length) {
      const b = bytes[pos];
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) pos++;
      else break;
    }
  };
  const expect = (b: number, what: string): void => {
    if (bytes[pos] !== b) fail(`expected ${what}`);
    pos++;
  };
  const literal = (word: string, v: JsonValue): JsonValue => {
    for (let i = 0; i < word.length; i++) if (bytes[pos + i] !== word.charCodeAt(i)) fail(`unexpected token`);
    pos += word.length;
    return v;
  };

  const hex4 = (): number => {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = bytes[pos++];
      const d = c === undefined ? -1 : c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (d < 0) fail("bad \\u escape");
      v = v * 16 + d;
    }
    return v;
  };

  const string = (): string => {
    expect(0x22, '"');
    const start = pos;
    while (pos < bytes.length && bytes[pos] !== 0x22 && bytes[pos] !== 0x5c) {
      if ((bytes[pos] ?? 0) < 0x20) fail("control character in string");
      pos++;
    }
    if (bytes[pos] === 0x22) {
      const s = decode(bytes.subarray(start, pos));
      pos++;
      return s;
    }
    // Slow path with escapes.
    let out = decode(bytes.subarray(start, pos));
    for (;;) {
      if (pos >= bytes.length) fail("unterminated string");
      const b = bytes[pos];
      if (b === 0x22) {
        pos++;
        return out;
      }
      if (b === 0x5c) {
        pos++;
        const e = bytes[pos++];
        switch (e) {
          case 0x22: out += '"'; break;
          case 0x5c: out += "\\"; break;
          case 0x2f: out += "/"; break;
          case 0x62: out += "\b"; break;
          case 0x66: out += "\f"; break;
          case 0x6e: out += "\n"; break;
          case 0x72: out += "\r"; break;
          case 0x74: out += "\t"; break;
          case 0x75: out += String.fromCharCode(hex4()); break;
          default: fail("bad escape");
        }
        continue;
      }
      const runStart = pos;
      while (pos < bytes.length && bytes[pos] !== 0x22 && bytes[pos] !== 0x5c) {
        if ((bytes[pos] ?? 0) < 0x20) fail("control character in string");
        pos++;
      }
      out += decode(bytes.subarray(runStart, pos));
    }
  };

  const decode = (b: Uint8Array): string => {
    try {
      return utf8.decode(b);
    } catch {
      return fail("invalid UTF-8");
    }
  };

  const number = (): number => {
    const start = pos;
    if (bytes[pos] === 0x2d) pos++;
    if (bytes[pos] === 0x30) pos++;
    else if ((bytes[pos] ?? 0) >= 0x31 && (bytes[pos] ?? 0) <= 0x39) while ((bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x39) pos++;
    else fail("bad number");
    if (bytes[pos] === 0x2e) {
      pos++;
      if (!((bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x39)) fail("bad number");
      while ((bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x39) pos++;
    }
    if (bytes[pos] === 0x65 || bytes[pos] === 0x45) {
      pos++;
      if (bytes[pos] === 0x2b || bytes[pos] === 0x2d) pos++;
      if (!((bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x39)) fail("bad number");
      while ((bytes[pos] ?? 0) >= 0x30 && (bytes[pos] ?? 0) <= 0x39) pos++;
    }
    return Number(decode(bytes.subarray(start, pos)));
  };

  const value = (depth: number, pointer: string): JsonValue => {
    if (depth > MAX_JSON_DEPTH) throw new LimitExceededError("MAX_JSON_DEPTH", `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    ws();
    const b = bytes[pos];
    if (b === 0x7b) return object(depth, pointer);
    if (b === 0x5b) {
      pos++;
      const arr: JsonValue[] = [];
      ws();
      if (bytes[pos] === 0x5d) {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1, `${pointer}/${arr.length}`));
        ws();
        if (bytes[pos] === 0x2c) {
          pos++;
          continue;
        }
        expect(0x5d, "',' or ']'");
        return arr;
      }
    }
    if (b === 0x22) return string();
    if (b === 0x74) return literal("true", true);
    if (b === 0x66) return literal("false", false);
    if (b === 0x6e) return literal("null", null);
    if (b === 0x2d || (b !== undefined && b >= 0x30 && b <= 0x39)) return number();
    return fail(b === undefined ? "unexpected end" : "unexpected token");
  };

  const object = (depth: number, pointer: string): JsonObject => {
    const start = pos;
    const obj = objectBody(depth, pointer);
    if (opts.recordObjects) objects.set(pointer, { start: base + start, end: base + pos });
    return obj;
  };

  const objectBody = (depth: number, pointer: string): JsonObject => {
    pos++;
    const obj: JsonObject = new Map();
    ws();
    if (bytes[pos] === 0x7d) {
      pos++;
      return obj;
    }
    for (;;) {
      ws();
      const keyAt = pos;
      const key = string();
      ws();
      expect(0x3a, "':'");
      ws();
      const valueAt = pos;
      const v = value(depth + 1, `${pointer}/${pointerPart(key)}`);
      if (obj.has(key)) duplicates.push({ pointer: pointer || "/", key, offset: base + keyAt });
      obj.set(key, v);
      if (depth === 0) topLevelOffsets.set(key, { start: base + valueAt, end: base + pos });
      ws();
      if (bytes[pos] === 0x2c) {
        pos++;
        continue;
      }
      expect(0x7d, "',' or '}'");
      return obj;
    }
  };

  const v = value(0, "");
  ws();
  if (pos !== bytes.length) fail("trailing characters after the JSON value");
  return { value: v, duplicates, topLevelOffsets, objects };
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return v instanceof Map;
}
