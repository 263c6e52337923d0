import { LimitExceededError } from "../errors.js";

export type JsTokenType = "name" | "string" | "template" | "number" | "op";

export interface JsToken {
  type: JsTokenType;
  /** Name, operator, number text, or a string/template body (undecoded). */
  value: string;
  /** Templates: true when the body has a `${…}` substitution (its value is only known at run time). */
  dynamic?: boolean;
  line: number;
}

/** After these, `/` starts a regular expression; after a value it divides. */
const REGEX_AFTER_KEYWORD = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "yield", "await", "instanceof"]);
const NAME_START = /[\p{L}_$]/u;
const NAME_PART = /[\p{L}\p{N}_$]/u;

/**
 * A small JavaScript/TypeScript tokenizer for static reading: comments skipped, string and
 * template literals kept whole (a template with `${}` marked dynamic), regular expression literals
 * skipped so a quote inside one does not open a string. Never evaluates anything; malformed input
 * ends the stream instead of throwing.
 */
export function tokenizeJavascript(src: string, maxTokens: number): JsToken[] {
  const tokens: JsToken[] = [];
  let i = 0;
  let line = 1;
  const push = (t: JsToken): void => {
    if (tokens.length >= maxTokens) throw new LimitExceededError("MAX_JAVASCRIPT_TOKENS", `more than ${maxTokens} JavaScript tokens; the rest of the file was not read`);
    tokens.push(t);
  };
  const regexAllowed = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.type === "op") return prev.value !== ")" && prev.value !== "]" && prev.value !== "}";
    return prev.type === "name" && REGEX_AFTER_KEYWORD.has(prev.value);
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\uFEFF") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === "\n") line++;
      i = stop;
      continue;
    }
    const startLine = line;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      push({ type: "string", value: src.slice(i + 1, Math.min(j, src.length)), line: startLine });
      i = j + 1;
      continue;
    }
    if (c === "`") {
      const { end, dynamic } = readTemplate(i);
      push({ type: "template", value: src.slice(i + 1, Math.max(i + 1, end - 1)), dynamic, line: startLine });
      i = end;
      continue;
    }
    if (c === "/" && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== "\n") {
        const ch = src[j];
        if (ch === "\\") j++;
        else if (ch === "[") inClass = true;
        else if (ch === "]") inClass = false;
        else if (ch === "/" && !inClass) break;
        j++;
      }
      j++;
      while (j < src.length && /[a-z]/i.test(src[j] as string)) j++;
      i = j;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < src.length && NAME_PART.test(src[j] as string)) j++;
      push({ type: "name", value: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[0-9a-zA-Z_.]/.test(src[j] as string)) j++;
      push({ type: "number", value: src.slice(i, j), line });
      i = j;
      continue;
    }
    push({ type: "op", value: c, line });
    i++;
  }
  return tokens;

  /** From the opening backtick: the index after the closing one, counting lines and `${}` nesting. */
  function readTemplate(start: number): { end: number; dynamic: boolean } {
    let j = start + 1;
    let dynamic = false;
    while (j < src.length) {
      const ch = src[j];
      if (ch === "\\") {
        j += 2;
        continue;
      }
      if (ch === "\n") line++;
      if (ch === "`") return { end: j + 1, dynamic };
      if (ch === "$" && src[j + 1] === "{") {
        dynamic = true;
        j = skipSubstitution(j + 2);
        continue;
      }
      j++;
    }
    return { end: src.length, dynamic };
  }

  /** Skips a `${ … }` body (nested braces, strings and templates); returns the index after `}`. */
  function skipSubstitution(from: number): number {
    let depth = 1;
    let j = from;
    while (j < src.length) {
      const ch = src[j] as string;
      if (ch === "\n") line++;
      if (ch === "'" || ch === '"') {
        j++;
        while (j < src.length && src[j] !== ch && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
        j++;
        continue;
      }
      if (ch === "`") {
        j = readTemplate(j).end;
        continue;
      }
      if (ch === "{") depth++;
      else if (ch === "}") {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
}
