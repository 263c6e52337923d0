import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { isAbsolute, join, relative, sep } from "node:path";
import { packageRoot, rulesDir } from "./package-root.js";

/**
 * A start-up cache of rules/: every YAML file's parsed content as JSON, keyed by its path and the
 * SHA-1 of its text, written at build time (scripts/bundle-cli.mjs). Parsing ~130 YAML files cost
 * each scan several hundredths of a second; JSON.parse of the same data costs a fraction of that.
 * The YAML stays the source of truth: a file whose text no longer matches its entry (edited since
 * the build, or not in the snapshot) is parsed from YAML as before.
 */

export const RULES_SNAPSHOT_FILE = join("dist", "rules-snapshot.json");

interface SnapshotEntry {
  sha1: string;
  /** The parsed YAML as JSON text, parsed afresh at each use so callers may change what they get. */
  json: string;
}

/** Entries by path relative to rules/, with forward slashes. */
export type RulesSnapshot = Record<string, SnapshotEntry>;

export function textSha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/**
 * Builds the snapshot with the same parser `readYaml` uses. A file whose content JSON cannot carry
 * exactly (a value JSON would change) or that does not parse is left out, so it keeps its YAML path.
 */
export function buildRulesSnapshot(parse: (path: string, text: string) => unknown, dir = rulesDir()): RulesSnapshot {
  const snapshot: RulesSnapshot = {};
  for (const path of yamlFiles(dir)) {
    const text = readFileSync(path, "utf8");
    let value: unknown;
    try {
      value = parse(path, text);
    } catch {
      continue;
    }
    const json = JSON.stringify(value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
    snapshot[relative(dir, path).split(sep).join("/")] = { sha1: textSha1(text), json };
  }
  return snapshot;
}

let loaded: RulesSnapshot | null | undefined;

function snapshot(): RulesSnapshot | null {
  if (loaded !== undefined) return loaded;
  try {
    loaded = JSON.parse(readFileSync(join(packageRoot(), RULES_SNAPSHOT_FILE), "utf8")) as RulesSnapshot;
  } catch {
    // No build (tests from the sources) or an unreadable file: every rule file parses from YAML.
    loaded = null;
  }
  return loaded;
}

/** The parsed content of `rel` from `snapshot` if the entry was made from exactly `text`, else undefined. */
export function lookupRulesSnapshot(snapshot: RulesSnapshot | null, rel: string, text: string): unknown {
  const entry = snapshot && Object.hasOwn(snapshot, rel) ? snapshot[rel] : undefined;
  if (!entry || entry.sha1 !== textSha1(text)) return undefined;
  return JSON.parse(entry.json) as unknown;
}

/** The parsed content of a rules/ file from the build's snapshot, or undefined when it does not hold this exact text. */
export function fromRulesSnapshot(path: string, text: string): unknown {
  const rel = relative(rulesDir(), path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return lookupRulesSnapshot(snapshot(), rel.split(sep).join("/"), text);
}
