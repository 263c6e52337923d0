import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { ConfigError } from "../errors.js";
import { SEVERITIES, type Severity } from "../types/finding.js";
import type { ChecklistItemId } from "../types/checklist.js";
import type { ChecklistItemMeta, RuleMeta } from "./rule.js";
import { rulesDir } from "./package-root.js";
import { fromRulesSnapshot } from "./rules-snapshot.js";

export const CHECKLIST_IDS: readonly ChecklistItemId[] = [
  "model-source",
  "data-provenance",
  "pii-sanitization",
  "architecture-documentation",
  "training-pipeline",
  "dependency-scanning",
  "weight-integrity",
];

/** How every rules/ file is parsed (also what the build's rules snapshot is made with). */
export function parseRulesYaml(path: string, text: string): unknown {
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: path });
}

export function readYaml(path: string): unknown {
  try {
    const text = readFileSync(path, "utf8");
    return fromRulesSnapshot(path, text) ?? parseRulesYaml(path, text);
  } catch (e) {
    throw new ConfigError(`${path}: invalid YAML: ${(e as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(o: Record<string, unknown>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") throw new ConfigError(`${path}: "${key}" must be a non-empty string`);
  return v.trim();
}

function strList(o: Record<string, unknown>, key: string, path: string): string[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new ConfigError(`${path}: "${key}" must be a list of strings`);
  return v as string[];
}

export function parseRule(raw: unknown, path: string): RuleMeta {
  if (!isRecord(raw)) throw new ConfigError(`${path}: a rule must be a mapping`);
  const id = str(raw, "id", path);
  if (!/^MG-[A-Z]{2,5}-\d{3}$/.test(id)) throw new ConfigError(`${path}: id "${id}" is not of the form MG-<FAMILY>-<NNN>`);
  const severity = str(raw, "severity", path);
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new ConfigError(`${path}: unknown severity "${severity}"`);
  const checklist = str(raw, "checklist", path);
  if (!(CHECKLIST_IDS as readonly string[]).includes(checklist)) throw new ConfigError(`${path}: unknown checklist item "${checklist}"`);
  const confidence = str(raw, "confidence", path);
  if (!["high", "medium", "low"].includes(confidence)) throw new ConfigError(`${path}: confidence must be high, medium or low`);
  const messages = raw["messages"];
  if (!isRecord(messages) || typeof messages["default"] !== "string") throw new ConfigError(`${path}: "messages.default" is required`);
  for (const [k, v] of Object.entries(messages)) if (typeof v !== "string") throw new ConfigError(`${path}: message "${k}" must be a string`);
  return {
    id,
    name: str(raw, "name", path),
    family: str(raw, "family", path),
    checklist: checklist as ChecklistItemId,
    severity: severity as Severity,
    confidence: confidence as RuleMeta["confidence"],
    summary: str(raw, "summary", path),
    description: str(raw, "description", path),
    remediation: str(raw, "remediation", path),
    cwe: strList(raw, "cwe", path),
    references: strList(raw, "references", path),
    tags: strList(raw, "tags", path),
    messages: messages as Record<string, string>,
  };
}

/** Folders of rules/ that hold assessment data (tiers, scoring, remediation), not rule families. */
export const ASSESSMENT_DATA_FOLDERS: ReadonlySet<string> = new Set(["tiers", "assessment", "remediation"]);

/** Loads every `rules/<family>/<name>.yaml`; the file base name must equal the rule name. */
export function loadRules(dir = rulesDir()): RuleMeta[] {
  const rules: RuleMeta[] = [];
  for (const family of readdirSync(dir, { withFileTypes: true })) {
    if (!family.isDirectory() || family.name.startsWith("_") || ASSESSMENT_DATA_FOLDERS.has(family.name)) continue;
    for (const file of readdirSync(join(dir, family.name))) {
      if (!file.endsWith(".yaml")) continue;
      const path = join(dir, family.name, file);
      const rule = parseRule(readYaml(path), path);
      if (`${rule.name}.yaml` !== file) throw new ConfigError(`${path}: rule name "${rule.name}" must match the file name`);
      rules.push(rule);
    }
  }
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new ConfigError(`duplicate rule id ${r.id}`);
    if (names.has(r.name)) throw new ConfigError(`duplicate rule name ${r.name}`);
    ids.add(r.id);
    names.add(r.name);
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

export function loadChecklist(dir = rulesDir()): ChecklistItemMeta[] {
  const path = join(dir, "checklist.yaml");
  const raw = readYaml(path);
  if (!isRecord(raw) || !Array.isArray(raw["items"])) throw new ConfigError(`${path}: expected "items:" list`);
  const items = raw["items"].map((it: unknown, i: number): ChecklistItemMeta => {
    if (!isRecord(it)) throw new ConfigError(`${path}: item ${i + 1} must be a mapping`);
    const id = str(it, "id", path);
    if (!(CHECKLIST_IDS as readonly string[]).includes(id)) throw new ConfigError(`${path}: unknown item id "${id}"`);
    return {
      id: id as ChecklistItemId,
      number: i + 1,
      title: str(it, "title", path),
      description: str(it, "description", path),
      reviewGuidance: str(it, "reviewGuidance", path),
      coveredBy: strList(it, "coveredBy", path),
    };
  });
  if (items.length !== CHECKLIST_IDS.length) throw new ConfigError(`${path}: expected ${CHECKLIST_IDS.length} items`);
  return items;
}

/**
 * Loads one list, `rules/_lists/<name>.yaml|.yml|.json`, or undefined when there is none. Scans load
 * lists on first use: most scans need a few of them, and parsing them all is start-up time.
 */
export function loadList(name: string, dir = join(rulesDir(), "_lists")): unknown {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new ConfigError(`invalid list name "${name}"`);
  for (const ext of ["yaml", "yml", "json"]) {
    const path = join(dir, `${name}.${ext}`);
    if (!existsSync(path)) continue;
    return ext === "json" ? JSON.parse(readFileSync(path, "utf8")) : readYaml(path);
  }
  return undefined;
}

/** Loads `rules/_lists/<name>.yaml` (or .json) files by name. Their shape is validated by their users. */
export function loadLists(dir = join(rulesDir(), "_lists")): Map<string, unknown> {
  const lists = new Map<string, unknown>();
  for (const file of readdirSync(dir)) {
    const m = /^(.+)\.(ya?ml|json)$/.exec(file);
    if (!m?.[1]) continue;
    const path = join(dir, file);
    lists.set(m[1], file.endsWith(".json") ? JSON.parse(readFileSync(path, "utf8")) : readYaml(path));
  }
  return lists;
}
