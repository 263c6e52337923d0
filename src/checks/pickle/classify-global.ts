import type { GlobalEntry, GlobalLists } from "./global-lists.js";

export type Tier = "safe" | "dangerous" | "unknown";

export interface Verdict {
  tier: Tier;
  /** Reason class: process-execution, code-execution, ..., python-internals, unknown. */
  category: string;
  reason: string;
  /** The module.name the verdict was reached on when it differs from the imported one (re-rooting, alias). */
  via?: string;
}

/** Longer dotted paths are not re-rooted (they stay "unknown", never "safe"). */
const MAX_SEGMENTS = 32;
const DUNDER = /^__.+__$/;

function moduleMatches(e: GlobalEntry, m: string, whole: boolean): boolean {
  if (e.moduleRe) return e.moduleRe.test(m);
  return m === e.module || (whole && m.startsWith(`${e.module}.`));
}

function nameMatchesDangerous(e: GlobalEntry, n: string): boolean {
  if (!e.nameRe) return true;
  // `Popen` also matches `Popen.__init__`; globs may span dots.
  const segs = n.split(".");
  for (let k = segs.length; k >= 1; k--) if (e.nameRe.test(segs.slice(0, k).join("."))) return true;
  return false;
}

function dangerousEntry(lists: GlobalLists, m: string, n: string): GlobalEntry | undefined {
  for (const cand of new Set([m, lists.aliases.get(m) ?? m])) {
    for (const e of lists.dangerous) if (moduleMatches(e, cand, e.nameRe === undefined) && nameMatchesDangerous(e, n)) return e;
  }
  return undefined;
}

/**
 * Every (module, attribute path) reading of an import, as the unpickler's `_getattribute` could reach
 * it: the module extended by leading attributes (`os` + `path.join` = `os.path` + `join`), and the
 * attribute path re-rooted at each of its segments (`torch._utils` + `os.system` reaches `os.system`;
 * GHSA-5j3x-jp52-966f, `pathlib` + `os.system`). Module names themselves are literal imports.
 */
function readings(module: string, name: string): [string, string][] {
  const mod = module.split(".");
  const full = [...mod, ...name.split(".")];
  const out: [string, string][] = [];
  for (let k = mod.length; k < full.length; k++) out.push([full.slice(0, k).join("."), full.slice(k).join(".")]);
  for (let i = mod.length; i < full.length - 1; i++) {
    for (let k = i + 1; k < full.length; k++) out.push([full.slice(i, k).join("."), full.slice(k).join(".")]);
  }
  return out;
}

function isSafe(lists: GlobalLists, module: string, name: string): GlobalEntry | undefined {
  for (const m of new Set([module, lists.aliases.get(module) ?? module])) {
    for (const e of lists.safe) if (moduleMatches(e, m, false) && e.nameRe?.test(name)) return e;
  }
  return undefined;
}

/** Safe, dangerous or unknown, resolved the way the unpickler resolves the name. Dangerous wins over safe. */
export function classifyGlobal(module: string, name: string, lists: GlobalLists): Verdict {
  const segments = module.split(".").length + name.split(".").length;
  if (segments <= MAX_SEGMENTS) {
    for (const [m, n] of readings(module, name)) {
      const e = dangerousEntry(lists, m, n);
      if (e) {
        const v: Verdict = { tier: "dangerous", category: e.category, reason: e.reason };
        const canon = `${lists.aliases.get(m) ?? m}.${n}`;
        if (m !== module || n !== name || canon !== `${module}.${name}`) v.via = canon;
        return v;
      }
    }
  }
  const safe = segments <= MAX_SEGMENTS ? isSafe(lists, module, name) : undefined;
  if (safe) return { tier: "safe", category: "safe", reason: safe.reason };
  const internal = name.split(".").find((s) => DUNDER.test(s));
  if (internal) return { tier: "dangerous", category: "python-internals", reason: `the attribute path reaches Python internals (${internal})` };
  return { tier: "unknown", category: "unknown", reason: "on neither the safe nor the dangerous list" };
}
