import { existsSync } from "node:fs";
import { join } from "node:path";
import { readYaml } from "../catalog/load-rules.js";
import { rulesDir } from "../catalog/package-root.js";
import { ConfigError } from "../errors.js";
import { SEVERITIES, type Severity } from "../types/finding.js";
import type { ChecklistItemId, ChecklistStatus } from "../types/checklist.js";
import type { TierLevel } from "../assessment/types.js";

export const TIER_LEVELS: readonly TierLevel[] = [1, 2, 3];

const STATUSES: readonly ChecklistStatus[] = ["pass", "fail", "review", "not-applicable", "not-checked"];
const ITEM_IDS: readonly ChecklistItemId[] = ["model-source", "data-provenance", "pii-sanitization", "architecture-documentation", "training-pipeline", "dependency-scanning", "weight-integrity"];

export type RequirementKind = "findings" | "card-present" | "card-section" | "revision-pinned" | "files-verified" | "scan-complete" | "no-remote-code" | "signed-when-configured";
const KINDS: readonly RequirementKind[] = ["findings", "card-present", "card-section", "revision-pinned", "files-verified", "scan-complete", "no-remote-code", "signed-when-configured"];

/** One entry of rules/tiers/requirements.yaml. */
export interface TierRequirement {
  id: string;
  title: string;
  kind: RequirementKind;
  /** `findings`: rule names whose unwaived findings break the requirement. */
  rules: string[];
  /** `findings`: the lowest severity that counts. */
  minSeverity: Severity;
  /** `findings`: also fails when there is no model card (the thing is then not declared at all). */
  requiresCard: boolean;
  /** `card-section`: a key of the report's `card.sections`. */
  section?: string;
}

/** rules/tiers/tier-N.yaml: what a risk tier accepts. */
export interface TierProfile {
  level: TierLevel;
  name: string;
  description: string;
  failOn: Severity | "none";
  /** Per checklist item, the statuses the tier accepts. */
  items: Record<ChecklistItemId, ChecklistStatus[]>;
  requirements: TierRequirement[];
  /** A waiver with a named reviewer may accept an item or requirement the tier would fail. */
  reviewedWaivers: boolean;
  /** Rule waivers without a reviewer are not honoured. */
  waiversNeedReviewer: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") throw new ConfigError(`${where}: "${key}" must be a non-empty string`);
  return v.trim();
}

export function parseRequirements(raw: unknown, where: string): TierRequirement[] {
  if (!isRecord(raw) || !Array.isArray(raw["requirements"])) throw new ConfigError(`${where}: expected "requirements:" list`);
  const seen = new Set<string>();
  return raw["requirements"].map((r: unknown, i: number): TierRequirement => {
    if (!isRecord(r)) throw new ConfigError(`${where}: requirement ${i + 1} must be a mapping`);
    const id = text(r, "id", where);
    if (seen.has(id)) throw new ConfigError(`${where}: duplicate requirement "${id}"`);
    seen.add(id);
    const kind = text(r, "kind", where);
    if (!(KINDS as readonly string[]).includes(kind)) throw new ConfigError(`${where}: requirement ${id}: unknown kind "${kind}" (expected ${KINDS.join(", ")})`);
    const rules = r["rules"] ?? [];
    if (!Array.isArray(rules) || !rules.every((x) => typeof x === "string")) throw new ConfigError(`${where}: requirement ${id}: rules must be a list of rule names`);
    if (kind === "findings" && rules.length === 0) throw new ConfigError(`${where}: requirement ${id}: a findings requirement needs rules`);
    const minSeverity = r["minSeverity"] ?? "info";
    if (typeof minSeverity !== "string" || !(SEVERITIES as readonly string[]).includes(minSeverity)) throw new ConfigError(`${where}: requirement ${id}: minSeverity must be a severity`);
    const out: TierRequirement = { id, title: text(r, "title", where), kind: kind as RequirementKind, rules: rules as string[], minSeverity: minSeverity as Severity, requiresCard: r["requiresCard"] === true };
    if (kind === "card-section") out.section = text(r, "section", where);
    return out;
  });
}

export function parseTierProfile(raw: unknown, requirements: readonly TierRequirement[], where: string): TierProfile {
  if (!isRecord(raw)) throw new ConfigError(`${where}: a tier profile must be a mapping`);
  const level = raw["tier"];
  if (level !== 1 && level !== 2 && level !== 3) throw new ConfigError(`${where}: tier must be 1, 2 or 3`);
  const failOn = raw["failOn"];
  if (typeof failOn !== "string" || (failOn !== "none" && !(SEVERITIES as readonly string[]).includes(failOn))) throw new ConfigError(`${where}: failOn must be a severity or none`);
  const items = raw["items"];
  if (!isRecord(items)) throw new ConfigError(`${where}: items must map each checklist item to the statuses the tier accepts`);
  const accepted = {} as Record<ChecklistItemId, ChecklistStatus[]>;
  for (const id of ITEM_IDS) {
    const list = items[id];
    if (!Array.isArray(list) || !list.every((s) => typeof s === "string" && (STATUSES as readonly string[]).includes(s))) {
      throw new ConfigError(`${where}: items.${id} must list statuses (${STATUSES.join(", ")})`);
    }
    accepted[id] = list as ChecklistStatus[];
  }
  for (const k of Object.keys(items)) if (!(ITEM_IDS as readonly string[]).includes(k)) throw new ConfigError(`${where}: items: unknown checklist item "${k}"`);
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const reqIds = raw["requirements"] ?? [];
  if (!Array.isArray(reqIds)) throw new ConfigError(`${where}: requirements must be a list of requirement ids`);
  const reqs = reqIds.map((id: unknown) => {
    const r = typeof id === "string" ? byId.get(id) : undefined;
    if (!r) throw new ConfigError(`${where}: unknown requirement "${String(id)}" (see rules/tiers/requirements.yaml)`);
    return r;
  });
  const bool = (k: string): boolean => {
    const v = raw[k] ?? false;
    if (typeof v !== "boolean") throw new ConfigError(`${where}: ${k} must be true or false`);
    return v;
  };
  return {
    level,
    name: text(raw, "name", where),
    description: text(raw, "description", where),
    failOn: failOn as Severity | "none",
    items: accepted,
    requirements: reqs,
    reviewedWaivers: bool("reviewedWaivers"),
    waiversNeedReviewer: bool("waiversNeedReviewer"),
  };
}

export function loadTierRequirements(dir = join(rulesDir(), "tiers")): TierRequirement[] {
  const path = join(dir, "requirements.yaml");
  return parseRequirements(readYaml(path), path);
}

/** Loads rules/tiers/tier-<level>.yaml. */
export function loadTierProfile(level: TierLevel, dir = join(rulesDir(), "tiers")): TierProfile {
  const path = join(dir, `tier-${level}.yaml`);
  if (!existsSync(path)) throw new ConfigError(`no tier profile ${path}`);
  const profile = parseTierProfile(readYaml(path), loadTierRequirements(dir), path);
  if (profile.level !== level) throw new ConfigError(`${path}: says tier ${profile.level}, expected ${level}`);
  return profile;
}
