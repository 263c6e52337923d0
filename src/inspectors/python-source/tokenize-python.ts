import { LimitExceededError } from "../../errors.js";

export type PyTokenType = "name" | "string" | "number" | "op" | "newline";

export interface PyToken {
  type: PyTokenType;
  /** Name, operator text, number text, or a string literal's body (between the quotes, undecoded). */
  value: string;
  /** For strings: the prefix letters (`r`, `b`, `f`, `rb`, ...), lowercased. */
  prefix?: string;
  line: number;
  column: number;
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const STRING_PREFIX = /^(?:[rRbBuUfF]{1,2})$/;
const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);

/**
 * A small Python tokenizer for static reading: it skips comments, keeps string literals whole
 * (single, double, triple-quoted, with prefixes), joins backslash continuations and bracketed
 * lines into one logical line, and never evaluates anything. Good enough that `# os.system(...)`
 * or `"eval(x)"` inside a string is not mistaken for a call, which a regex on raw text would do.
 * Malformed input (an unterminated string) ends the token stream instead of throwing.
 */
export function tokenizePython(src: string, maxTokens: number): PyToken[] {
  const tokens: PyToken[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  const push = (t: PyToken): void => {
    if (tokens.length >= maxTokens) throw new LimitExceededError("MAX_PYTHON_TOKENS", `more than ${maxTokens} Python tokens; the rest of the file was not read`);
    tokens.push(t);
  };
  const newline = (): void => {
    line++;
    lineStart = i;
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      i++;
      if (depth === 0 && tokens.length > 0 && tokens[tokens.length - 1]?.type !== "newline") push({ type: "newline", value: "\n", line, column: i - lineStart });
      newline();
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && (src[i + 1] === "\n" || (src[i + 1] === "\r" && src[i + 2] === "\n"))) {
      i += src[i + 1] === "\n" ? 2 : 3;
      newline();
      continue;
    }
    const column = i - lineStart + 1;
    const startLine = line;
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_PART.test(src[j] as string)) j++;
      const word = src.slice(i, j);
      const q = src[j];
      if ((q === '"' || q === "'") && STRING_PREFIX.test(word)) {
        i = j;
        const body = readString();
        push({ type: "string", value: body, prefix: word.toLowerCase(), line: startLine, column });
        continue;
      }
      push({ type: "name", value: word, line, column });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const body = readString();
      push({ type: "string", value: body, prefix: "", line: startLine, column });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(src[i + 1] ?? ""))) {
      let j = i + 1;
      while (j < src.length && /[0-9a-zA-Z_.]/.test(src[j] as string)) j++;
      push({ type: "number", value: src.slice(i, j), line, column });
      i = j;
      continue;
    }
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth = Math.max(0, depth - 1);
    push({ type: "op", value: c, line, column });
    i++;
  }
  return tokens;

  /** Reads a string literal starting at `i` (on the quote); advances `i` past it and counts lines. */
  function readString(): string {
    const q = src[i] as string;
    const triple = src.startsWith(q.repeat(3), i);
    const close = triple ? q.repeat(3) : q;
    let j = i + close.length;
    const start = j;
    while (j < src.length) {
      const ch = src[j];
      if (ch === "\\") {
        if (src[j + 1] === "\n") {
          j += 2;
          i = j;
          newline();
          continue;
        }
        j += 2;
        continue;
      }
      if (ch === "\n") {
        if (!triple) break;
        j++;
        i = j;
        newline();
        continue;
      }
      if (src.startsWith(close, j)) {
        const body = src.slice(start, j);
        i = j + close.length;
        return body;
      }
      j++;
    }
    // Unterminated: take the rest of the line (or file for a triple quote) as the body.
    const body = src.slice(start, j);
    i = j;
    return body;
  }
}
