import { loadList } from "../catalog/load-rules.js";
import { ConfigError } from "../errors.js";
import { mergeList } from "../policy/policy.js";
import type { Policy } from "../policy/policy.js";
import type { RepoKind } from "./types.js";

/** The data `discover` reads from rules/_lists, validated and shaped for lookups. */
export interface DiscoverLists {
  /** Normalised key (lowercase, `-` → `_`) → what its value names. */
  keys: ReadonlyMap<string, RepoKind>;
  /** Normalised command-line flag name → what its value names. */
  flags: ReadonlyMap<string, RepoKind>;
  canonicalModels: ReadonlySet<string>;
  canonicalDatasets: ReadonlySet<string>;
  localDirs: ReadonlySet<string>;
  notHubPrefixes: readonly string[];
  fileSuffixes: readonly string[];
}

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/-/g, "_");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function entries(raw: unknown, field: string, list: string): Record<string, unknown>[] {
  if (!isRecord(raw)) throw new ConfigError(`rules/_lists/${list}: expected a mapping`);
  const v = raw[field] ?? [];
  if (!Array.isArray(v) || !v.every(isRecord)) throw new ConfigError(`rules/_lists/${list}: "${field}" must be a list of mappings`);
  for (const [i, e] of v.entries()) if (typeof e["reason"] !== "string") throw new ConfigError(`rules/_lists/${list}: ${field}[${i}] needs a reason`);
  return v;
}

function strings(e: Record<string, unknown>, field: string, list: string): string[] {
  const v = e[field];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new ConfigError(`rules/_lists/${list}: "${field}" must be a list of strings`);
  return v as string[];
}

function kindMap(items: Record<string, unknown>[], field: string, list: string): Map<string, RepoKind> {
  const out = new Map<string, RepoKind>();
  for (const e of items) {
    const name = e[field];
    const kind = e["kind"];
    if (typeof name !== "string" || (kind !== "model" && kind !== "dataset")) throw new ConfigError(`rules/_lists/${list}: each entry needs ${field} and kind (model or dataset)`);
    out.set(normaliseKey(name), kind);
  }
  return out;
}

/** Loads the discover lists; a policy's `lists:` extensions are appended like for scans. */
export function loadDiscoverLists(policy?: Policy): DiscoverLists {
  const extra = (name: string): unknown[] | undefined => policy?.lists[name];
  const keysList = "discover-keys";
  const keysRaw = loadList(keysList);
  const keys = kindMap(entries(mergeKeyed(keysRaw, "keys", extra(keysList)), "keys", keysList), "key", keysList);
  const flags = kindMap(entries(keysRaw, "flags", keysList), "flag", keysList);
  const canonList = "discover-canonical-repos";
  const canon = loadList(canonList);
  const models = entries(canon, "models", canonList).flatMap((e) => strings(e, "names", canonList));
  const datasets = entries(canon, "datasets", canonList).flatMap((e) => strings(e, "names", canonList));
  const notHubList = "discover-not-hub";
  const notHub = loadList(notHubList);
  return {
    keys,
    flags,
    canonicalModels: new Set(models),
    canonicalDatasets: new Set(datasets),
    localDirs: new Set(entries(notHub, "localDirs", notHubList).flatMap((e) => strings(e, "names", notHubList))),
    notHubPrefixes: entries(notHub, "prefixes", notHubList).flatMap((e) => strings(e, "values", notHubList)),
    fileSuffixes: entries(notHub, "fileSuffixes", notHubList).flatMap((e) => strings(e, "values", notHubList)),
  };
}

/** A policy's extra entries go to the `keys` section of discover-keys (the section people extend). */
function mergeKeyed(raw: unknown, field: string, extra: unknown[] | undefined): unknown {
  if (!extra || !isRecord(raw)) return raw;
  const merged = mergeList({ entries: raw[field] }, extra);
  return { ...raw, [field]: isRecord(merged) ? merged["entries"] : raw[field] };
}
