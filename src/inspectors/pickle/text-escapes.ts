/**
 * Decoders for protocol 0 text arguments, as CPython reads them: STRING holds a Python 2 bytes
 * repr (`codecs.escape_decode`), UNICODE holds raw-unicode-escape text. Returned as latin-1/JS
 * strings; undefined when CPython would raise.
 */

const SIMPLE: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", r: "\r", t: "\t", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

export function decodeStringEscape(s: string): string | undefined {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    const simple = SIMPLE[e];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (e === "x") {
      const h = s.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return undefined;
      out += String.fromCharCode(parseInt(h, 16));
      i += 3;
    } else if (e >= "0" && e <= "7") {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8) & 0xff);
      i += m.length;
    } else {
      // escape_decode keeps unknown escapes as they are.
      out += c;
    }
  }
  return out;
}

export function decodeRawUnicodeEscape(s: string): string | undefined {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const e = s[i + 1];
    if (c === "\\" && (e === "u" || e === "U")) {
      const w = e === "u" ? 4 : 8;
      const h = s.slice(i + 2, i + 2 + w);
      if (h.length !== w || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
      const cp = parseInt(h, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += 1 + w;
    } else out += c;
  }
  return out;
}
