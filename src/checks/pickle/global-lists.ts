/** The three rule lists behind pickle verdicts, validated and compiled once per scan. */

export interface GlobalEntry {
  module: string;
  name?: string;
  category: string;
  reason: string;
  moduleRe: RegExp | undefined;
  nameRe: RegExp | undefined;
}

export interface GlobalLists {
  safe: GlobalEntry[];
  dangerous: GlobalEntry[];
  aliases: ReadonlyMap<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Glob → anchored regex. `*` spans dots only when `dots` is true. */
export function globToRegExp(glob: string, dots: boolean): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") re += dots ? ".*" : "[^.]*";
    else if (c === "?") re += dots ? "." : "[^.]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, close).replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const hasGlob = (s: string): boolean => /[*?[]/.test(s);

function entriesOf(raw: unknown, listName: string): Record<string, unknown>[] {
  if (raw === undefined) return [];
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new Error(`list ${listName}: expected a mapping with an "entries" list`);
  return raw["entries"].map((e: unknown, i: number) => {
    if (!isRecord(e)) throw new Error(`list ${listName}: entry ${i + 1} must be a mapping`);
    if (typeof e["reason"] !== "string" || e["reason"].trim() === "") throw new Error(`list ${listName}: entry ${i + 1} needs a "reason"`);
    return e;
  });
}

function compile(raw: unknown, listName: string, dangerous: boolean): GlobalEntry[] {
  return entriesOf(raw, listName).map((e, i) => {
    const module = e["module"];
    const name = e["name"];
    if (typeof module !== "string" || module === "") throw new Error(`list ${listName}: entry ${i + 1} needs a "module"`);
    if (name !== undefined && (typeof name !== "string" || name === "")) throw new Error(`list ${listName}: entry ${i + 1} "name" must be a non-empty string`);
    if (!dangerous && name === undefined) throw new Error(`list ${listName}: entry ${i + 1} (${module}) needs a "name": a whole module is never safe`);
    const entry: GlobalEntry = {
      module,
      category: typeof e["category"] === "string" ? e["category"] : dangerous ? "dangerous" : "safe",
      reason: String(e["reason"]),
      moduleRe: hasGlob(module) ? globToRegExp(module, true) : undefined,
      nameRe: typeof name === "string" ? globToRegExp(name, dangerous) : undefined,
    };
    if (typeof name === "string") entry.name = name;
    return entry;
  });
}

function compileAliases(raw: unknown): Map<string, string> {
  const m = new Map<string, string>();
  for (const [i, e] of entriesOf(raw, "pickle-module-aliases").entries()) {
    if (typeof e["alias"] !== "string" || typeof e["module"] !== "string") throw new Error(`list pickle-module-aliases: entry ${i + 1} needs "alias" and "module"`);
    m.set(e["alias"], e["module"]);
  }
  return m;
}

let cache: { keys: unknown[]; lists: GlobalLists } | undefined;

/** Reads and compiles the lists through `list` (rules/_lists plus policy additions), cached while the list objects stay the same. */
export function globalLists(list: (name: string) => unknown): GlobalLists {
  const keys = [list("pickle-safe-globals"), list("pickle-dangerous-globals"), list("pickle-module-aliases")];
  if (cache && cache.keys.every((k, i) => k === keys[i])) return cache.lists;
  const lists: GlobalLists = {
    safe: compile(keys[0], "pickle-safe-globals", false),
    dangerous: compile(keys[1], "pickle-dangerous-globals", true),
    aliases: compileAliases(keys[2]),
  };
  cache = { keys, lists };
  return lists;
}
