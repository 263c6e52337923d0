/** A text file split into lines the way editors number them (1-based; CRLF, LF and lone CR). */
export interface TextLines {
  lines: string[];
  lineEnding: "lf" | "crlf" | "mixed" | "none";
}

export function splitLines(text: string): TextLines {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/\n/g) ?? []).length - crlf;
  const lineEnding = crlf === 0 && lf === 0 ? "none" : crlf === 0 ? "lf" : lf === 0 ? "crlf" : "mixed";
  return { lines: body.split(/\r\n|\n|\r/), lineEnding };
}

/** Decodes UTF-8 without throwing: invalid bytes become U+FFFD, as the Hub's renderer shows them. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}
