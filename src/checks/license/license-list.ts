import parseSpdx, { type ConjunctionInfo, type LicenseInfo } from "spdx-expression-parse";
import { ConfigError } from "../../errors.js";

export const LICENSE_ATTRIBUTES = ["permissive", "copyleft", "non-commercial", "use-restricted", "no-derivatives", "custom", "family", "unknown"] as const;
export type LicenseAttribute = (typeof LICENSE_ATTRIBUTES)[number];

/** One entry of rules/_lists/licenses.yaml. */
export interface LicenseEntry {
  id: string;
  name: string;
  spdx?: string;
  attributes: LicenseAttribute[];
  textPatterns: RegExp[];
}

export interface LicenseTable {
  byId: Map<string, LicenseEntry>;
  bySpdx: Map<string, LicenseEntry>;
  entries: LicenseEntry[];
}

/** What a `license:` value turned out to be. */
export type LicenseClass =
  | { kind: "hub"; id: string; entry: LicenseEntry; attributes: LicenseAttribute[] }
  | { kind: "spdx"; expression: string; attributes: LicenseAttribute[] }
  | { kind: "invalid"; value: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const cache = new WeakMap<object, LicenseTable>();

/** Validates and indexes the `licenses` list (a policy can add entries, so it is checked on use). */
export function licenseTable(raw: unknown): LicenseTable {
  if (isRecord(raw)) {
    const hit = cache.get(raw);
    if (hit) return hit;
  }
  const list = isRecord(raw) ? raw["entries"] : undefined;
  if (!Array.isArray(list)) throw new ConfigError('list licenses: expected a mapping with an "entries:" list');
  const entries = list.map((e: unknown, i: number): LicenseEntry => {
    const where = `list licenses: entry ${i + 1}`;
    if (!isRecord(e) || typeof e["id"] !== "string" || typeof e["reason"] !== "string") throw new ConfigError(`${where} needs "id" and "reason"`);
    const attributes = e["attributes"] ?? [];
    if (!Array.isArray(attributes) || !attributes.every((a) => (LICENSE_ATTRIBUTES as readonly unknown[]).includes(a))) {
      throw new ConfigError(`${where}: attributes must be a list of ${LICENSE_ATTRIBUTES.join(", ")}`);
    }
    const patterns = e["textPatterns"] ?? [];
    if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === "string")) throw new ConfigError(`${where}: textPatterns must be a list of strings`);
    const entry: LicenseEntry = {
      id: e["id"].toLowerCase(),
      name: typeof e["name"] === "string" ? e["name"] : e["id"],
      attributes: attributes as LicenseAttribute[],
      textPatterns: (patterns as string[]).map((p) => {
        try {
          return new RegExp(p, "iu");
        } catch (err) {
          throw new ConfigError(`${where}: bad text pattern: ${(err as Error).message}`);
        }
      }),
    };
    if (typeof e["spdx"] === "string") entry.spdx = e["spdx"];
    return entry;
  });
  const table: LicenseTable = { entries, byId: new Map(entries.map((e) => [e.id, e])), bySpdx: new Map() };
  for (const e of entries) if (e.spdx && !table.bySpdx.has(e.spdx.toLowerCase())) table.bySpdx.set(e.spdx.toLowerCase(), e);
  if (isRecord(raw)) cache.set(raw, table);
  return table;
}

function isConjunction(n: LicenseInfo | ConjunctionInfo): n is ConjunctionInfo {
  return "conjunction" in n;
}

/**
 * Attributes of an SPDX expression: under AND every restriction applies; under OR the licensee may
 * pick, so a restriction holds only if every alternative carries it. Ids the list does not map are
 * valid licenses of unknown category (no attribute).
 */
function spdxAttributes(node: LicenseInfo | ConjunctionInfo, table: LicenseTable): Set<LicenseAttribute> {
  if (!isConjunction(node)) {
    const base = node.license.replace(/-(only|or-later)$/i, "").toLowerCase();
    const entry = table.bySpdx.get(node.license.toLowerCase()) ?? table.bySpdx.get(`${base}-only`) ?? table.bySpdx.get(base);
    return new Set(entry?.attributes ?? []);
  }
  const l = spdxAttributes(node.left, table);
  const r = spdxAttributes(node.right, table);
  if (node.conjunction === "and") return new Set([...l, ...r]);
  return new Set([...l].filter((a) => r.has(a)));
}

/** Classifies one `license:` value: a Hub identifier (case-insensitive), a valid SPDX expression, or neither. */
export function classifyLicense(value: string, table: LicenseTable): LicenseClass {
  const entry = table.byId.get(value.trim().toLowerCase());
  if (entry) return { kind: "hub", id: entry.id, entry, attributes: entry.attributes };
  try {
    const parsed = parseSpdx(value.trim());
    return { kind: "spdx", expression: value.trim(), attributes: [...spdxAttributes(parsed, table)].sort() };
  } catch {
    return { kind: "invalid", value };
  }
}

/**
 * The Hub id a LICENSE file's text is recognised as, from the entries' textPatterns. The match
 * nearest the top wins: license titles come first, and a CC BY-NC text may cite other CC licenses later.
 */
export function identifyLicenseText(text: string, table: LicenseTable): LicenseEntry | undefined {
  let best: { entry: LicenseEntry; at: number } | undefined;
  for (const entry of table.entries) {
    for (const p of entry.textPatterns) {
      const m = p.exec(text);
      if (m && (!best || m.index < best.at)) best = { entry, at: m.index };
    }
  }
  return best?.entry;
}

/** Hub id or SPDX expression → a comparable key (apache-2.0 and Apache-2.0 are the same license). */
export function licenseKey(c: LicenseClass): string {
  if (c.kind === "hub") return c.id;
  if (c.kind === "spdx") return c.expression.toLowerCase();
  return c.value.trim().toLowerCase();
}
