/**
 * CPython's Python 2 → 3 name rewriting in `find_class` (Lib/_compat_pickle.py), as data from
 * `rules/_lists/pickle-python2-names.yaml`: with fix_imports on (the default) and a stream protocol
 * below 3, a (module, name) pair in NAME_MAPPING is replaced whole, otherwise a module in
 * IMPORT_MAPPING is renamed. `commands.getoutput` is imported as `subprocess.getoutput`.
 */
export interface Python2Names {
  /** The (module, name) the unpickler imports for a Python 2 name, or undefined when it imports it as written. */
  rewrite(module: string, name: string): readonly [string, string] | undefined;
}

/** Protocols below this one get the rewrite (pickle.py: `if self.proto < 3 and self.fix_imports`). */
export const PYTHON2_NAMES_BELOW_PROTOCOL = 3;

export const NO_PYTHON2_NAMES: Python2Names = { rewrite: () => undefined };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const str = (v: unknown): v is string => typeof v === "string" && v !== "";

let cache: { raw: unknown; names: Python2Names } | undefined;

/** Validates and compiles the list (cached while the list object stays the same). Throws on a malformed entry. */
export function python2Names(raw: unknown): Python2Names {
  if (cache && cache.raw === raw) return cache.names;
  const names = new Map<string, readonly [string, string]>();
  const modules = new Map<string, string>();
  const entries = isRecord(raw) && Array.isArray(raw["entries"]) ? raw["entries"] : raw === undefined ? [] : undefined;
  if (!entries) throw new Error('list pickle-python2-names: expected a mapping with an "entries" list');
  entries.forEach((e: unknown, i: number) => {
    const where = `list pickle-python2-names: entry ${i + 1}`;
    if (!isRecord(e) || !str(e["module"]) || !str(e["to_module"]) || !str(e["reason"])) throw new Error(`${where} needs "module", "to_module" and "reason"`);
    if (e["name"] === undefined) {
      modules.set(e["module"], e["to_module"]);
      return;
    }
    if (!str(e["name"]) || !str(e["to_name"])) throw new Error(`${where}: "name" needs a "to_name"`);
    names.set(`${e["module"]}\0${e["name"]}`, [e["to_module"], e["to_name"]]);
  });
  const compiled: Python2Names = {
    rewrite(module, name) {
      const whole = names.get(`${module}\0${name}`);
      if (whole) return whole;
      const to = modules.get(module);
      return to === undefined ? undefined : [to, name];
    },
  };
  cache = { raw, names: compiled };
  return compiled;
}
