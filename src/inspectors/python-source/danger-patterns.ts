import { ConfigError } from "../../errors.js";
import { isRecord } from "./read-text.js";

export type DangerMatch = "call" | "module" | "reference" | "string" | "open-write";

/** One entry of `rules/_lists/python-danger-patterns.yaml`. */
export interface DangerPattern {
  name: string;
  match: DangerMatch;
  category: string;
  reason: string;
  /** For `match: string`: a regular expression tested against string literal bodies. */
  regex?: RegExp;
  /** Category used instead when the call's first argument is not an embedded string literal. */
  nonLiteral?: string;
}

export interface DangerCategory {
  severity: string;
  reason: string;
}

export interface DangerList {
  categories: Map<string, DangerCategory>;
  entries: DangerPattern[];
}

const MATCHES: readonly DangerMatch[] = ["call", "module", "reference", "string", "open-write"];

/** Validates the list's shape where it is used (CONTRIBUTING: lists are checked by their users). */
export function parseDangerList(raw: unknown): DangerList {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError("python-danger-patterns: expected a mapping with an entries: list");
  const categories = new Map<string, DangerCategory>();
  const rawCats = raw["categories"];
  if (isRecord(rawCats)) {
    for (const [k, v] of Object.entries(rawCats)) {
      if (!isRecord(v) || typeof v["severity"] !== "string" || typeof v["reason"] !== "string") throw new ConfigError(`python-danger-patterns: category ${k} needs severity and reason`);
      categories.set(k, { severity: v["severity"], reason: v["reason"] });
    }
  }
  const entries = raw["entries"].map((e: unknown, i: number): DangerPattern => {
    if (!isRecord(e)) throw new ConfigError(`python-danger-patterns: entry ${i + 1} must be a mapping`);
    const { name, match, category, reason, pattern, nonLiteral } = e;
    if (typeof name !== "string" || typeof category !== "string" || typeof reason !== "string" || !MATCHES.includes(match as DangerMatch)) {
      throw new ConfigError(`python-danger-patterns: entry ${i + 1} needs name, match (${MATCHES.join("|")}), category and reason`);
    }
    const p: DangerPattern = { name, match: match as DangerMatch, category, reason };
    if (match === "string") {
      if (typeof pattern !== "string") throw new ConfigError(`python-danger-patterns: string entry ${name} needs a pattern`);
      p.regex = new RegExp(pattern, "i");
    }
    if (nonLiteral !== undefined) {
      if (typeof nonLiteral !== "string" || !categories.has(nonLiteral)) throw new ConfigError(`python-danger-patterns: entry ${name}: nonLiteral must name a category`);
      p.nonLiteral = nonLiteral;
    }
    return p;
  });
  return { categories, entries };
}
