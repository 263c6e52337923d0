import type { DangerList, DangerPattern } from "./danger-patterns.js";
import type { PyToken } from "./tokenize-python.js";

export interface PythonScan {
  /** Top-level modules imported (`import a.b` → `a`). */
  imports: string[];
  /** Sibling modules imported relatively (`from .x import y` → `x`; `from . import x` → `x`). */
  relativeImports: string[];
  hits: { pattern: DangerPattern; name: string; line: number; column: number; category: string }[];
}

/** Builtins that look up or run code by name; a name shadowed by an import is resolved first. */
const OPEN_CALLS = new Set(["open", "io.open", "builtins.open", "codecs.open"]);
const WRITE_MODE = /[wax+]/;

function isOp(t: PyToken | undefined, v: string): boolean {
  return t?.type === "op" && t.value === v;
}

function isName(t: PyToken | undefined, v?: string): boolean {
  return t?.type === "name" && (v === undefined || t.value === v);
}

/** Reads a dotted name `a.b.c` from index i; returns the parts and the index after it. */
function dotted(tokens: readonly PyToken[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let j = i;
  while (isName(tokens[j])) {
    parts.push((tokens[j] as PyToken).value);
    if (isOp(tokens[j + 1], ".") && isName(tokens[j + 2])) j += 2;
    else {
      j++;
      break;
    }
  }
  return { parts, next: j };
}

/** Index just after the bracket that closes the one at `open`. */
function closing(tokens: readonly PyToken[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j] as PyToken;
    if (t.type === "op" && (t.value === "(" || t.value === "[" || t.value === "{")) depth++;
    else if (t.type === "op" && (t.value === ")" || t.value === "]" || t.value === "}")) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return tokens.length;
}

/** Splits a call's arguments (between `open` and its closing bracket) at top-level commas. */
function callArgs(tokens: readonly PyToken[], open: number): PyToken[][] {
  const end = closing(tokens, open) - 1;
  const args: PyToken[][] = [[]];
  let depth = 0;
  for (let j = open + 1; j < end; j++) {
    const t = tokens[j] as PyToken;
    if (t.type === "op" && "([{".includes(t.value)) depth++;
    if (t.type === "op" && ")]}".includes(t.value)) depth--;
    if (depth === 0 && isOp(t, ",")) args.push([]);
    else args[args.length - 1]?.push(t);
  }
  return args.filter((a) => a.length > 0);
}

/**
 * Parses the import statement starting at `i` and records aliases: `import a.b as c` → c=a.b,
 * `import a.b` → a=a, `from a import b as c` → c=a.b, `from .m import x` → relative module m.
 */
function readImport(tokens: readonly PyToken[], i: number, aliases: Map<string, string>, scan: PythonScan, stars: string[]): number {
  const first = tokens[i] as PyToken;
  if (first.value === "import") {
    let j = i + 1;
    for (;;) {
      const { parts, next } = dotted(tokens, j);
      if (parts.length === 0) return next;
      const full = parts.join(".");
      scan.imports.push(parts[0] as string);
      j = next;
      if (isName(tokens[j], "as") && isName(tokens[j + 1])) {
        aliases.set((tokens[j + 1] as PyToken).value, full);
        j += 2;
      } else aliases.set(parts[0] as string, parts[0] as string);
      if (!isOp(tokens[j], ",")) return j;
      j++;
    }
  }
  // from [.]*module import names
  let j = i + 1;
  let dots = 0;
  while (isOp(tokens[j], ".")) {
    dots++;
    j++;
  }
  const { parts, next } = isName(tokens[j], "import") ? { parts: [], next: j } : dotted(tokens, j);
  j = next;
  const module = parts.join(".");
  if (!isName(tokens[j], "import")) return j;
  j++;
  const paren = isOp(tokens[j], "(");
  if (paren) j++;
  if (dots === 0 && parts[0]) scan.imports.push(parts[0]);
  if (dots > 0 && module) scan.relativeImports.push(module.split(".")[0] as string);
  for (;;) {
    const t = tokens[j];
    if (isOp(t, "*")) {
      if (dots === 0) stars.push(module);
      return j + 1;
    }
    if (!isName(t)) return j;
    const name = (t as PyToken).value;
    j++;
    let local = name;
    if (isName(tokens[j], "as") && isName(tokens[j + 1])) {
      local = (tokens[j + 1] as PyToken).value;
      j += 2;
    }
    if (dots > 0 && !module) scan.relativeImports.push(name);
    else if (dots === 0) aliases.set(local, `${module}.${name}`);
    if (!isOp(tokens[j], ",")) return paren && isOp(tokens[j], ")") ? j + 1 : j;
    j++;
    if (paren && isOp(tokens[j], ")")) return j + 1;
  }
}

function resolve(parts: readonly string[], aliases: ReadonlyMap<string, string>): string {
  const head = parts[0] ?? "";
  const mapped = aliases.get(head);
  return [mapped ?? head, ...parts.slice(1)].join(".");
}

function matchesName(p: DangerPattern, name: string, isCall: boolean): boolean {
  if (p.match === "call") return isCall && name === p.name;
  if (p.match === "module") return isCall && (name === p.name || name.startsWith(p.name + "."));
  if (p.match === "reference") return name === p.name || name.startsWith(p.name + ".");
  return false;
}

/** Names assigned a string literal anywhere (`_P = "cHJpbnQ..."`, `_P = ("..." "...")`): embedded data. */
function literalNames(tokens: readonly PyToken[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    const prev = tokens[i - 1];
    if (t.type !== "name" || !isOp(tokens[i + 1], "=") || !(i === 0 || prev?.type === "newline" || isOp(prev, ";"))) continue;
    const value = isOp(tokens[i + 2], "(") ? tokens[i + 3] : tokens[i + 2];
    if (value?.type === "string") out.add(t.value);
  }
  return out;
}

/** True when a call's first argument starts with a string literal or a name bound to one. */
function embeddedArgument(tokens: readonly PyToken[], open: number, literals: ReadonlySet<string>): boolean {
  const first = callArgs(tokens, open)[0]?.[0];
  return first?.type === "string" || (first?.type === "name" && literals.has(first.value));
}

function stringStartsOutsideCache(t: PyToken): boolean {
  return t.type === "string" && /^(?:\/|~|[A-Za-z]:[\\/])/.test(t.value);
}

/**
 * Walks the tokens of one Python file: resolves imports and aliases, then reports every call or
 * reference that matches the danger list, each with its line. Pure; never runs the code.
 */
export function scanPython(tokens: readonly PyToken[], list: DangerList): PythonScan {
  const scan: PythonScan = { imports: [], relativeImports: [], hits: [] };
  const aliases = new Map<string, string>();
  const stars: string[] = [];
  const nameEntries = list.entries.filter((e) => e.match === "call" || e.match === "module" || e.match === "reference");
  const stringEntries = list.entries.filter((e) => e.match === "string");
  const openWrite = list.entries.find((e) => e.match === "open-write");
  const hit = (pattern: DangerPattern, name: string, t: PyToken, category = pattern.category): void => {
    scan.hits.push({ pattern, name, line: t.line, column: t.column, category });
  };
  const literals = literalNames(tokens);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    const prev = tokens[i - 1];
    const atLineStart = i === 0 || prev?.type === "newline" || isOp(prev, ":") || isOp(prev, ";");
    if (t.type === "string") {
      for (const p of stringEntries) if (p.regex?.test(t.value)) hit(p, p.name, t);
      continue;
    }
    if (t.type !== "name") continue;
    if (atLineStart && (t.value === "import" || (t.value === "from" && !isName(prev, "yield") && !isName(prev, "raise")))) {
      i = readImport(tokens, i, aliases, scan, stars) - 1;
      continue;
    }
    // Only the head of a chain: `x.eval()` is a method, not the builtin.
    if (isOp(prev, ".") || isName(prev, "def") || isName(prev, "class")) continue;
    const { parts, next } = dotted(tokens, i);
    const isCall = isOp(tokens[next], "(");
    let names = [resolve(parts, aliases)];
    if (!aliases.has(parts[0] ?? "")) for (const m of stars) names.push(`${m}.${parts.join(".")}`);
    // getattr(os, "system") reaches the same function by a string name.
    if (isCall && names[0] === "getattr") {
      const args = callArgs(tokens, next);
      const obj = args[0];
      const attr = args[1];
      if (obj && attr && obj.every((a) => a.type === "name" || isOp(a, ".")) && attr.length === 1 && attr[0]?.type === "string") {
        const objParts = obj.filter((a) => a.type === "name").map((a) => a.value);
        names = [...names, `${resolve(objParts, aliases)}.${attr[0].value}`];
      }
    }
    const matched = new Set<DangerPattern>();
    for (const name of names) {
      for (const p of nameEntries) {
        const asCall = isCall || name !== names[0];
        if (!matched.has(p) && matchesName(p, name, asCall)) {
          matched.add(p);
          // Only a direct call is judged by its argument; a getattr(...) spelling stays suspicious.
          const downgrade = p.nonLiteral && isCall && name === names[0] && !embeddedArgument(tokens, next, literals);
          hit(p, name, t, downgrade ? p.nonLiteral : p.category);
        }
      }
    }
    if (openWrite && isCall && OPEN_CALLS.has(names[0] ?? "")) {
      const args = callArgs(tokens, next);
      const target = args[0] ?? [];
      const modeArg = args.find((a) => isName(a[0], "mode") && isOp(a[1], "=")) ?? (args[1] && !isOp(args[1][1], "=") ? args[1] : undefined);
      const mode = modeArg?.find((a) => a.type === "string")?.value ?? "";
      if (target.some(stringStartsOutsideCache) && WRITE_MODE.test(mode)) hit(openWrite, `${names[0]}(${target.find(stringStartsOutsideCache)?.value ?? ""}, "${mode}")`, t);
    }
    i = Math.max(i, next - 1);
  }
  scan.imports = [...new Set(scan.imports)].sort();
  scan.relativeImports = [...new Set(scan.relativeImports)].sort();
  return scan;
}
