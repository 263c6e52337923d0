/**
 * `.gitignore` matching as git does it (gitignore(5)): blank lines and `#` comments skipped,
 * `\#` and `\!` escapes, trailing spaces dropped unless escaped, `!` re-includes, a trailing `/`
 * matches directories only, a `/` at the start or in the middle anchors the pattern to the
 * directory of its .gitignore (otherwise it matches a name at any depth), `*` and `?` never cross
 * `/`, `[...]` classes (`[!...]` negated), and `**` as a whole segment spans directories
 * (`**\/x`, `x/**`, `a/**\/b`). The last matching pattern wins, and a deeper .gitignore's patterns
 * come after its parents'. A path inside an ignored directory is never seen: the walk does not
 * enter it, which is also how git makes `!` unable to re-include a file there.
 */
export interface IgnoreRule {
  /** Directory of the .gitignore, relative to the walk root ("" for the root), `/`-separated. */
  base: string;
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** A `[...]` class starting at `i` (on the `[`): its regex text and the index after it, or undefined if unclosed. */
function readClass(p: string, i: number): { text: string; end: number } | undefined {
  let j = i + 1;
  let out = "[";
  if (p[j] === "!" || p[j] === "^") {
    out += "^";
    j++;
  }
  // A `]` right after the opening (or after `!`) is a literal member.
  if (p[j] === "]") {
    out += "\\]";
    j++;
  }
  for (; j < p.length; j++) {
    const c = p[j] as string;
    if (c === "]") return { text: `${out}]`, end: j + 1 };
    if (c === "\\" && j + 1 < p.length) {
      out += `\\${p[j + 1] as string}`;
      j++;
      continue;
    }
    if (c === "/") return undefined;
    out += c === "[" || c === "^" ? `\\${c}` : c;
  }
  return undefined;
}

function globBody(p: string): string {
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === "*") {
      if (p[i + 1] === "*") {
        const atStart = i === 0 || p[i - 1] === "/";
        const atEnd = i + 2 === p.length || p[i + 2] === "/";
        if (atStart && atEnd) {
          if (i + 2 === p.length) {
            out += ".*";
            i += 1;
          } else {
            // `**/` : zero or more whole directories.
            out += "(?:[^/]*/)*";
            i += 2;
          }
          continue;
        }
      }
      while (p[i + 1] === "*") i++;
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const cls = readClass(p, i);
      if (cls) {
        out += cls.text;
        i = cls.end - 1;
      } else out += "\\[";
    } else if (c === "\\" && i + 1 < p.length) {
      out += escapeRegex(p[i + 1] as string);
      i++;
    } else out += escapeRegex(c);
  }
  return out;
}

/** Compiles one line of a .gitignore in directory `base`; undefined for blanks and comments. */
export function compileIgnoreLine(line: string, base: string): IgnoreRule | undefined {
  let p = line.replace(/\r$/, "");
  if (p === "" || p.startsWith("#")) return undefined;
  // Trailing spaces are ignored unless the last one is escaped.
  p = p.replace(/(?<!\\)\s+$/, "");
  if (p.endsWith("\\ ")) p = `${p.slice(0, -2)} `;
  let negate = false;
  if (p.startsWith("!")) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith("\\!") || p.startsWith("\\#")) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith("/")) {
    dirOnly = true;
    p = p.replace(/\/+$/, "");
  }
  if (p === "") return undefined;
  const anchored = p.includes("/");
  p = p.replace(/^\/+/, "");
  if (p === "") return undefined;
  const body = globBody(p);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { base, regex, negate, dirOnly };
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  return text.split("\n").flatMap((l) => compileIgnoreLine(l, base) ?? []);
}

/** True when the last rule matching `path` (root-relative, `/`-separated) ignores it. */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    let rel = path;
    if (r.base !== "") {
      if (!path.startsWith(`${r.base}/`)) continue;
      rel = path.slice(r.base.length + 1);
    }
    if (r.regex.test(rel)) ignored = !r.negate;
  }
  return ignored;
}
