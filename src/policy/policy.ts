import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { ConfigError } from "../errors.js";
import { SEVERITIES, type Severity } from "../types/finding.js";

export interface Waiver {
  /** Rule id (MG-XXX-NNN) or rule name. */
  rule: string;
  /** Glob on the artifact path (`*` within a segment, `**` across); absent: every artifact. */
  path?: string;
  reason: string;
  /** ISO date after which the waiver no longer applies. */
  expires?: string;
}

export interface Policy {
  failOn?: Severity | "none";
  /** Rule id or name → new severity, or "off" to disable. */
  rules: Record<string, Severity | "off">;
  waivers: Waiver[];
  /** Extra entries appended to `rules/_lists/<name>` `entries`. */
  lists: Record<string, unknown[]>;
}

export const EMPTY_POLICY: Policy = { rules: {}, waivers: [], lists: {} };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isFailOn(v: unknown): v is Severity | "none" {
  return typeof v === "string" && (v === "none" || (SEVERITIES as readonly string[]).includes(v));
}

export function parsePolicy(raw: unknown, path: string): Policy {
  if (raw === null || raw === undefined) return EMPTY_POLICY;
  if (!isRecord(raw)) throw new ConfigError(`${path}: a policy must be a mapping`);
  const known = new Set(["failOn", "rules", "waivers", "lists"]);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new ConfigError(`${path}: unknown key "${k}" (expected ${[...known].join(", ")})`);
  const policy: Policy = { rules: {}, waivers: [], lists: {} };
  if (raw["failOn"] !== undefined) {
    if (!isFailOn(raw["failOn"])) throw new ConfigError(`${path}: failOn must be one of ${SEVERITIES.join(", ")}, none`);
    policy.failOn = raw["failOn"];
  }
  const rules = raw["rules"] ?? {};
  if (!isRecord(rules)) throw new ConfigError(`${path}: rules must be a mapping of rule → severity|off`);
  for (const [rule, v] of Object.entries(rules)) {
    if (v !== "off" && !(typeof v === "string" && (SEVERITIES as readonly string[]).includes(v))) {
      throw new ConfigError(`${path}: rules.${rule} must be a severity or "off"`);
    }
    policy.rules[rule] = v as Severity | "off";
  }
  const waivers = raw["waivers"] ?? [];
  if (!Array.isArray(waivers)) throw new ConfigError(`${path}: waivers must be a list`);
  waivers.forEach((w: unknown, i: number) => {
    if (!isRecord(w) || typeof w["rule"] !== "string" || typeof w["reason"] !== "string" || w["reason"].trim() === "") {
      throw new ConfigError(`${path}: waiver ${i + 1} needs "rule" and a non-empty "reason"`);
    }
    const waiver: Waiver = { rule: w["rule"], reason: w["reason"] };
    if (w["path"] !== undefined) {
      if (typeof w["path"] !== "string") throw new ConfigError(`${path}: waiver ${i + 1} path must be a string`);
      waiver.path = w["path"];
    }
    if (w["expires"] !== undefined) {
      const exp = w["expires"] instanceof Date ? w["expires"].toISOString().slice(0, 10) : w["expires"];
      // Compared as text with today's YYYY-MM-DD, so only that exact shape is accepted.
      if (typeof exp !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(exp) || Number.isNaN(Date.parse(exp)) || new Date(exp).toISOString().slice(0, 10) !== exp) {
        throw new ConfigError(`${path}: waiver ${i + 1} expires must be a date (YYYY-MM-DD)`);
      }
      waiver.expires = exp;
    }
    policy.waivers.push(waiver);
  });
  const lists = raw["lists"] ?? {};
  if (!isRecord(lists)) throw new ConfigError(`${path}: lists must be a mapping of list name → entries`);
  for (const [name, entries] of Object.entries(lists)) {
    if (!Array.isArray(entries)) throw new ConfigError(`${path}: lists.${name} must be a list of entries`);
    policy.lists[name] = entries;
  }
  return policy;
}

export function loadPolicy(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read policy ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: path });
  } catch (e) {
    throw new ConfigError(`${path}: invalid YAML: ${(e as Error).message}`);
  }
  return parsePolicy(raw, path);
}

/**
 * Rule ids or names the policy mentions that no rule has. A typo there is fail-safe (the rule
 * keeps its severity, the finding stays unwaived) but surprising, so the CLI warns about it.
 */
export function unknownRuleRefs(policy: Policy, rules: readonly { id: string; name: string }[]): string[] {
  const known = new Set(rules.flatMap((r) => [r.id, r.name]));
  const refs = [...Object.keys(policy.rules), ...policy.waivers.map((w) => w.rule)];
  return [...new Set(refs.filter((r) => !known.has(r)))].sort();
}

/** A list from rules/_lists with the policy's extra entries appended to its `entries`. */
export function mergeList(base: unknown, extra: unknown[] | undefined): unknown {
  if (!extra || extra.length === 0) return base;
  if (isRecord(base) && Array.isArray(base["entries"])) return { ...base, entries: [...base["entries"], ...extra] };
  if (base === undefined) return { entries: extra };
  return base;
}
