import { MAX_CODE_EXCERPT_BYTES } from "../../limits.js";
import type { CodeExcerpt } from "./facts.js";

const MAX_STRINGS = 48;
const MAX_STRING_CHARS = 80;

/** Decodes standard or URL-safe base64 (with Keras 2's embedded newlines); undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, "");
  if (clean.length < 8 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) return undefined;
  return new Uint8Array(Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
}

function printable(s: string): boolean {
  return s.length > 0 && /^[\x20-\x7e]+$/.test(s);
}

/**
 * Lists the string objects of a marshalled code object without unmarshalling it: scans for the
 * marshal type codes of short ASCII ('z', 'Z'), ASCII ('a', 'A'), interned ('t') and unicode ('u')
 * strings (with or without the FLAG_REF bit) and keeps the printable ones. Heuristic, bounded, and
 * enough to show `os`, `system` and the command a CVE-2024-3660-style Lambda carries.
 */
export function marshalStrings(code: Uint8Array): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const dec = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < code.length && out.length < MAX_STRINGS; i++) {
    const t = (code[i] ?? 0) & 0x7f;
    let len = -1;
    let at = 0;
    if (t === 0x7a || t === 0x5a) {
      len = code[i + 1] ?? -1;
      at = i + 2;
    } else if (t === 0x61 || t === 0x41 || t === 0x74 || t === 0x75) {
      if (i + 5 > code.length) continue;
      len = (code[i + 1] ?? 0) | ((code[i + 2] ?? 0) << 8) | ((code[i + 3] ?? 0) << 16) | ((code[i + 4] ?? 0) << 24);
      at = i + 5;
    }
    if (len <= 0 || len > 4096 || at + len > code.length) continue;
    let s: string;
    try {
      s = dec.decode(code.subarray(at, at + len));
    } catch {
      continue;
    }
    if (!printable(s)) continue;
    const v = s.length > MAX_STRING_CHARS ? `${s.slice(0, MAX_STRING_CHARS)}…` : s;
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
    i = at + len - 1;
  }
  return out;
}

export function codeExcerpt(code: Uint8Array): CodeExcerpt {
  const head = code.subarray(0, MAX_CODE_EXCERPT_BYTES);
  return { encoding: "marshal-base64", byteLength: code.length, hex: Buffer.from(head).toString("hex"), strings: marshalStrings(code) };
}
