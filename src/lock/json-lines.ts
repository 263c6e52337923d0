/** A JSON syntax error at a 1-based line. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

function pointerEscape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * The line each value of a JSON document starts on, by JSON pointer ("" for the root,
 * "/models/0/files/2/sha256"), so errors about a hand-edited lock can name the line. Checks the
 * syntax on the way (JSON.parse messages carry no line in Node 20); values are left to JSON.parse.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(i >= text.length ? `unexpected end of file (${what})` : `${what}, found ${JSON.stringify(text[i])}`, line);
  };
  const ws = (): void => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") line++;
      else if (c !== " " && c !== "\t" && c !== "\r") break;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\\") i++;
      else if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      } else if (c === "\n" || (c !== undefined && c < " ")) fail("control character in a string");
    }
    return fail("unterminated string");
  };
  const value = (pointer: string, depth: number): void => {
    // A lock is a few levels deep; a document nested deeper is not one, and recursion must stay bounded.
    if (depth > 64) fail("nesting deeper than 64 levels");
    ws();
    lines.set(pointer, line);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a quoted key");
        const key = string();
        ws();
        if (text[i] !== ":") fail('expected ":"');
        i++;
        value(`${pointer}/${pointerEscape(key)}`, depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail('expected "," or "}"');
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`, depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail("expected a JSON value");
    i += m?.[0].length ?? 0;
  };
  value("", 0);
  ws();
  if (i < text.length) fail("unexpected text after the JSON document");
  return lines;
}

/** The line of `pointer`, or of its nearest ancestor that has one. */
export function lineOf(lines: ReadonlyMap<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const n = lines.get(p);
    if (n !== undefined) return n;
    if (p === "") return 1;
  }
}
