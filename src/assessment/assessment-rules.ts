import { join } from "node:path";
import { readYaml } from "../catalog/load-rules.js";
import { rulesDir } from "../catalog/package-root.js";
import { ConfigError } from "../errors.js";
import { parseDays } from "../policy/policy.js";
import { SEVERITIES, type Severity } from "../types/finding.js";
import type { ChecklistItemId, ChecklistStatus } from "../types/checklist.js";
import type { ScoreDimensionId } from "./types.js";

/** The assessment's data in rules/assessment and rules/remediation, validated at load. */

export interface SectionDQuestion {
  number: number;
  text: string;
  askVendor: string;
}

export interface RedFlagRule {
  id: string;
  title: string;
  kind: "findings" | "pickle-unvetted";
  rules: string[];
  /** Fact kinds whose presence means the evidence shows the thing another way: no flag. */
  unlessFacts: string[];
  scoreDimension: ScoreDimensionId;
}

export interface ScoringDimension {
  id: ScoreDimensionId;
  title: string;
  description: string;
  items: ChecklistItemId[];
  scored: boolean;
  outOfScope?: string;
}

export interface ScoringRules {
  scale: Record<number, string>;
  statusPoints: Partial<Record<ChecklistStatus, number>>;
  redFlagPoints: number;
  caps: { severity: Severity; max: number }[];
  dimensions: ScoringDimension[];
  overall: "lowest" | "mean";
}

export type DueDays = Record<string, number>;

export interface RemediationActionRule {
  id: string;
  rules: string[];
  requirements: string[];
  /** Checklist items the action resolves whatever triggered it. */
  items: ChecklistItemId[];
  perPackage: boolean;
  text: string;
  days: DueDays;
}

export interface RemediationRules {
  owner: string;
  days: DueDays;
  actions: RemediationActionRule[];
  items: Record<ChecklistItemId, { text: string; days?: DueDays }>;
}

const ITEM_IDS: readonly ChecklistItemId[] = ["model-source", "data-provenance", "pii-sanitization", "architecture-documentation", "training-pipeline", "dependency-scanning", "weight-integrity"];
const DIMENSIONS: readonly ScoreDimensionId[] = ["model", "data", "governance", "infrastructure"];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function text(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") throw new ConfigError(`${where}: "${key}" must be a non-empty string`);
  return v.trim();
}

function names(o: Record<string, unknown>, key: string, where: string): string[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new ConfigError(`${where}: "${key}" must be a list of names`);
  return v as string[];
}

function list(raw: unknown, key: string, where: string): unknown[] {
  if (!isRecord(raw) || !Array.isArray(raw[key])) throw new ConfigError(`${where}: expected "${key}:" list`);
  return raw[key] as unknown[];
}

/** Per-tier days with every tier filled in: a single number applies to all. */
function dueDays(v: unknown, where: string, fallback?: DueDays): DueDays {
  if (v === undefined && fallback) return fallback;
  const d = parseDays(v, where);
  if (typeof d === "number") return { none: d, "1": d, "2": d, "3": d };
  const out: DueDays = { ...(fallback ?? {}), ...d };
  for (const k of ["none", "1", "2", "3"]) if (out[k] === undefined) throw new ConfigError(`${where}: no days for tier ${k}`);
  return out;
}

export function parseSectionD(raw: unknown, where: string): SectionDQuestion[] {
  return list(raw, "questions", where).map((q, i) => {
    if (!isRecord(q) || typeof q["number"] !== "number") throw new ConfigError(`${where}: question ${i + 1} needs a number`);
    return { number: q["number"], text: text(q, "text", where), askVendor: text(q, "askVendor", where) };
  });
}

export function parseRedFlags(raw: unknown, where: string): RedFlagRule[] {
  return list(raw, "redFlags", where).map((r, i) => {
    if (!isRecord(r)) throw new ConfigError(`${where}: red flag ${i + 1} must be a mapping`);
    const kind = text(r, "kind", where);
    if (kind !== "findings" && kind !== "pickle-unvetted") throw new ConfigError(`${where}: red flag ${i + 1}: kind must be findings or pickle-unvetted`);
    const dim = text(r, "scoreDimension", where);
    if (!(DIMENSIONS as readonly string[]).includes(dim)) throw new ConfigError(`${where}: red flag ${i + 1}: unknown scoreDimension "${dim}"`);
    return { id: text(r, "id", where), title: text(r, "title", where), kind, rules: names(r, "rules", where), unlessFacts: names(r, "unlessFacts", where), scoreDimension: dim as ScoreDimensionId };
  });
}

export function parseScoring(raw: unknown, where: string): ScoringRules {
  if (!isRecord(raw)) throw new ConfigError(`${where}: expected a mapping`);
  const scale: Record<number, string> = {};
  if (!isRecord(raw["scale"])) throw new ConfigError(`${where}: scale must map 1-5 to labels`);
  for (const n of [1, 2, 3, 4, 5]) scale[n] = text(raw["scale"], String(n), `${where}: scale`);
  const statusPoints: Partial<Record<ChecklistStatus, number>> = {};
  if (!isRecord(raw["statusPoints"])) throw new ConfigError(`${where}: statusPoints must be a mapping of status → points`);
  for (const [s, p] of Object.entries(raw["statusPoints"])) {
    if (!["pass", "fail", "review", "not-applicable", "not-checked"].includes(s) || typeof p !== "number" || p < 0) throw new ConfigError(`${where}: statusPoints.${s} must be a checklist status with points ≥ 0`);
    statusPoints[s as ChecklistStatus] = p;
  }
  const redFlagPoints = raw["redFlagPoints"];
  if (typeof redFlagPoints !== "number" || redFlagPoints < 0) throw new ConfigError(`${where}: redFlagPoints must be a number ≥ 0`);
  const caps = (Array.isArray(raw["caps"]) ? raw["caps"] : []).map((c: unknown) => {
    if (!isRecord(c) || typeof c["severity"] !== "string" || !(SEVERITIES as readonly string[]).includes(c["severity"]) || typeof c["max"] !== "number") throw new ConfigError(`${where}: caps entries need severity and max`);
    return { severity: c["severity"] as Severity, max: c["max"] };
  });
  const dimensions = list(raw, "dimensions", where).map((d, i): ScoringDimension => {
    if (!isRecord(d)) throw new ConfigError(`${where}: dimension ${i + 1} must be a mapping`);
    const id = text(d, "id", where);
    if (!(DIMENSIONS as readonly string[]).includes(id)) throw new ConfigError(`${where}: unknown dimension "${id}"`);
    const items = names(d, "items", where);
    for (const it of items) if (!(ITEM_IDS as readonly string[]).includes(it)) throw new ConfigError(`${where}: dimension ${id}: unknown checklist item "${it}"`);
    const scored = d["scored"] ?? true;
    if (typeof scored !== "boolean") throw new ConfigError(`${where}: dimension ${id}: scored must be true or false`);
    const out: ScoringDimension = { id: id as ScoreDimensionId, title: text(d, "title", where), description: text(d, "description", where), items: items as ChecklistItemId[], scored };
    if (!scored) out.outOfScope = text(d, "outOfScope", where);
    return out;
  });
  const overall = raw["overall"];
  if (overall !== "lowest" && overall !== "mean") throw new ConfigError(`${where}: overall must be lowest or mean`);
  return { scale, statusPoints, redFlagPoints, caps, dimensions, overall };
}

export function parseRemediation(raw: unknown, where: string): RemediationRules {
  if (!isRecord(raw)) throw new ConfigError(`${where}: expected a mapping`);
  const days = dueDays(raw["days"], `${where}: days`);
  const seen = new Set<string>();
  const actions = list(raw, "actions", where).map((a, i): RemediationActionRule => {
    if (!isRecord(a)) throw new ConfigError(`${where}: action ${i + 1} must be a mapping`);
    const id = text(a, "id", where);
    if (seen.has(id)) throw new ConfigError(`${where}: duplicate action "${id}"`);
    seen.add(id);
    const rules = names(a, "rules", where);
    const requirements = names(a, "requirements", where);
    if (rules.length === 0 && requirements.length === 0) throw new ConfigError(`${where}: action ${id} needs rules or requirements`);
    const items = names(a, "items", where);
    for (const it of items) if (!(ITEM_IDS as readonly string[]).includes(it)) throw new ConfigError(`${where}: action ${id}: unknown checklist item "${it}"`);
    return { id, rules, requirements, items: items as ChecklistItemId[], perPackage: a["perPackage"] === true, text: text(a, "text", where), days: dueDays(a["days"], `${where}: ${id}.days`, days) };
  });
  const itemsRaw = raw["items"];
  if (!isRecord(itemsRaw)) throw new ConfigError(`${where}: items must map each checklist item to a fallback action`);
  const items = {} as RemediationRules["items"];
  for (const id of ITEM_IDS) {
    const it = itemsRaw[id];
    if (!isRecord(it)) throw new ConfigError(`${where}: items.${id} needs a fallback action`);
    items[id] = { text: text(it, "text", `${where}: items.${id}`), ...(it["days"] !== undefined ? { days: dueDays(it["days"], `${where}: items.${id}.days`, days) } : {}) };
  }
  return { owner: text(raw, "owner", where), days, actions, items };
}

export interface AssessmentRules {
  sectionD: SectionDQuestion[];
  redFlags: RedFlagRule[];
  scoring: ScoringRules;
  remediation: RemediationRules;
}

export function loadAssessmentRules(dir = rulesDir()): AssessmentRules {
  const at = (...p: string[]): { raw: unknown; path: string } => {
    const path = join(dir, ...p);
    return { raw: readYaml(path), path };
  };
  const sd = at("assessment", "section-d.yaml");
  const rf = at("assessment", "red-flags.yaml");
  const sc = at("assessment", "scoring.yaml");
  const rm = at("remediation", "actions.yaml");
  return { sectionD: parseSectionD(sd.raw, sd.path), redFlags: parseRedFlags(rf.raw, rf.path), scoring: parseScoring(sc.raw, sc.path), remediation: parseRemediation(rm.raw, rm.path) };
}
