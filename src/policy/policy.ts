import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import { ConfigError } from "../errors.js";
import { SEVERITIES, type Severity } from "../types/finding.js";

export interface Waiver {
  /** Rule id (MG-XXX-NNN) or rule name; a waiver names a rule, or an `item`. */
  rule?: string;
  /**
   * A checklist item id (`training-pipeline`) or a tier requirement id (`revision-pinned`) a tier
   * may accept although it is not met; needs a `reviewer`. Only tiers with `reviewedWaivers` use it.
   */
  item?: string;
  /** The person who reviewed what the waiver accepts (tier 3 honours only waivers that name one). */
  reviewer?: string;
  /** Glob on the artifact path (`*` within a segment, `**` across); absent: every artifact. */
  path?: string;
  reason: string;
  /** ISO date after which the waiver no longer applies. */
  expires?: string;
}

/** The organisation's edits to one remediation action of rules/remediation/actions.yaml. */
export interface RemediationOverride {
  text?: string;
  owner?: string;
  /** Days after the assessment date: one number for every tier, or per tier (`none`, `1`, `2`, `3`). */
  days?: number | Record<string, number>;
}

export interface Policy {
  failOn?: Severity | "none";
  /** The risk tier (1, 2 or 3); `--tier` beats it. */
  tier?: 1 | 2 | 3;
  /** Remediation plan edits: a default owner and per-action text, owner or due days. */
  remediation?: { owner?: string; actions: Record<string, RemediationOverride> };
  /** Rule id or name → new severity, or "off" to disable. */
  rules: Record<string, Severity | "off">;
  waivers: Waiver[];
  /** Extra entries appended to `rules/_lists/<name>` `entries`. */
  lists: Record<string, unknown[]>;
  /** An unsigned model is a finding (MG-SIG-003). */
  requireSignature?: boolean;
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
  const known = new Set(["failOn", "tier", "rules", "waivers", "lists", "remediation", "requireSignature"]);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new ConfigError(`${path}: unknown key "${k}" (expected ${[...known].join(", ")})`);
  const policy: Policy = { rules: {}, waivers: [], lists: {} };
  if (raw["failOn"] !== undefined) {
    if (!isFailOn(raw["failOn"])) throw new ConfigError(`${path}: failOn must be one of ${SEVERITIES.join(", ")}, none`);
    policy.failOn = raw["failOn"];
  }
  if (raw["tier"] !== undefined) {
    const t = raw["tier"];
    if (t !== 1 && t !== 2 && t !== 3) throw new ConfigError(`${path}: tier must be 1, 2 or 3`);
    policy.tier = t;
  }
  if (raw["remediation"] !== undefined) policy.remediation = parseRemediation(raw["remediation"], path);
  if (raw["requireSignature"] !== undefined) {
    if (typeof raw["requireSignature"] !== "boolean") throw new ConfigError(`${path}: requireSignature must be true or false`);
    policy.requireSignature = raw["requireSignature"];
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
    if (!isRecord(w) || (typeof w["rule"] !== "string" && typeof w["item"] !== "string") || typeof w["reason"] !== "string" || w["reason"].trim() === "") {
      throw new ConfigError(`${path}: waiver ${i + 1} needs "rule" (or "item") and a non-empty "reason"`);
    }
    if (w["rule"] !== undefined && w["item"] !== undefined) throw new ConfigError(`${path}: waiver ${i + 1} names both a rule and an item; use one waiver for each`);
    if (w["reviewer"] !== undefined && (typeof w["reviewer"] !== "string" || w["reviewer"].trim() === "")) throw new ConfigError(`${path}: waiver ${i + 1} reviewer must be a non-empty string (a person's name)`);
    if (typeof w["item"] === "string" && typeof w["reviewer"] !== "string") throw new ConfigError(`${path}: waiver ${i + 1} accepts item "${w["item"]}" and so needs a "reviewer"`);
    const waiver: Waiver = typeof w["rule"] === "string" ? { rule: w["rule"], reason: w["reason"] } : { item: String(w["item"]), reason: w["reason"] };
    if (typeof w["reviewer"] === "string") waiver.reviewer = w["reviewer"].trim();
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

function parseRemediation(raw: unknown, path: string): NonNullable<Policy["remediation"]> {
  if (!isRecord(raw)) throw new ConfigError(`${path}: remediation must be a mapping (owner, actions)`);
  for (const k of Object.keys(raw)) if (k !== "owner" && k !== "actions") throw new ConfigError(`${path}: remediation: unknown key "${k}" (expected owner, actions)`);
  const out: NonNullable<Policy["remediation"]> = { actions: {} };
  if (raw["owner"] !== undefined) {
    if (typeof raw["owner"] !== "string" || raw["owner"].trim() === "") throw new ConfigError(`${path}: remediation.owner must be a non-empty string`);
    out.owner = raw["owner"].trim();
  }
  const actions = raw["actions"] ?? {};
  if (!isRecord(actions)) throw new ConfigError(`${path}: remediation.actions must be a mapping of action id → {text, owner, days}`);
  for (const [id, a] of Object.entries(actions)) {
    const where = `${path}: remediation.actions.${id}`;
    if (!isRecord(a)) throw new ConfigError(`${where} must be a mapping (text, owner, days)`);
    for (const k of Object.keys(a)) if (!["text", "owner", "days"].includes(k)) throw new ConfigError(`${where}: unknown key "${k}" (expected text, owner, days)`);
    const o: RemediationOverride = {};
    if (a["text"] !== undefined) {
      if (typeof a["text"] !== "string" || a["text"].trim() === "") throw new ConfigError(`${where}.text must be a non-empty string`);
      o.text = a["text"];
    }
    if (a["owner"] !== undefined) {
      if (typeof a["owner"] !== "string" || a["owner"].trim() === "") throw new ConfigError(`${where}.owner must be a non-empty string`);
      o.owner = a["owner"].trim();
    }
    if (a["days"] !== undefined) o.days = parseDays(a["days"], `${where}.days`);
    out.actions[id] = o;
  }
  return out;
}

/** Due days: a whole number of days, or a mapping of tier (`none`, `1`, `2`, `3`) to days. */
export function parseDays(v: unknown, where: string): number | Record<string, number> {
  const isDays = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 3650;
  if (isDays(v)) return v;
  if (isRecord(v)) {
    const out: Record<string, number> = {};
    for (const [k, n] of Object.entries(v)) {
      if (!["none", "1", "2", "3"].includes(k)) throw new ConfigError(`${where}: unknown tier "${k}" (expected none, 1, 2, 3)`);
      if (!isDays(n)) throw new ConfigError(`${where}.${k} must be a whole number of days (0-3650)`);
      out[k] = n;
    }
    return out;
  }
  throw new ConfigError(`${where} must be a whole number of days (0-3650) or a mapping of tier → days`);
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
  const refs = [...Object.keys(policy.rules), ...policy.waivers.flatMap((w) => (w.rule ? [w.rule] : []))];
  return [...new Set(refs.filter((r) => !known.has(r)))].sort();
}

/** A list from rules/_lists with the policy's extra entries appended to its `entries`. */
export function mergeList(base: unknown, extra: unknown[] | undefined): unknown {
  if (!extra || extra.length === 0) return base;
  if (isRecord(base) && Array.isArray(base["entries"])) return { ...base, entries: [...base["entries"], ...extra] };
  if (base === undefined) return { entries: extra };
  return base;
}
