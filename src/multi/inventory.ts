import { ConfigError } from "../errors.js";
import { parseHubRef } from "../sources/hub-ref.js";
import type { SkippedTarget, TargetError } from "../types/multi-report.js";
import { isRecord, readJsonFile } from "./read-json-file.js";

export interface InventoryTarget {
  /** `owner/name@revision` as handed to `scan`. */
  target: string;
  /** The Hub repo id, which `--shard` hashes. */
  id: string;
}

export interface Inventory {
  targets: InventoryTarget[];
  skipped: SkippedTarget[];
  /** Model references that cannot be scanned as written (a legacy id without an owner): not scanned is not passed. */
  errors: TargetError[];
}

const COMMIT = /^[0-9a-f]{40}$/;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

function modelId(file: string, where: string, v: unknown): string {
  const id = str(v);
  const ref = id && !id.includes("@") ? parseHubRef(id) : undefined;
  if (!id || !ref || ref.repoId !== id) throw new ConfigError(`${file}: ${where}.id ${JSON.stringify(v) ?? "(missing)"} is not a Hub repo id (owner/name)`);
  return id;
}

function revisionOf(file: string, where: string, key: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const rev = str(v);
  if (!rev || /[\s\\]|\.\./.test(rev)) throw new ConfigError(`${file}: ${where}.${key} must be a revision name or commit, not ${JSON.stringify(v)}`);
  return rev;
}

/**
 * Code may name a model by a legacy id without an owner (`bert-base-uncased`), which the Hub
 * redirects to its canonical repo. modelgate scans only `owner/name`, so such a reference becomes
 * an error of the run (exit 2): skipping it would let the gate pass a model nobody checked.
 */
function unscannable(id: string): TargetError {
  return { input: id, code: "MG_E_CONFIG", message: `${id}: not an owner/name Hub id (a legacy name without an owner?): reference the model by its full repo id, e.g. google-bert/bert-base-uncased, and scan again` };
}

/** `modelgate discover --format json`: `references[]` with id, kind, revision (null when unpinned). */
function fromDiscover(file: string, refs: unknown[]): Inventory {
  const out: Inventory = { targets: [], skipped: [], errors: [] };
  refs.forEach((r, i) => {
    const where = `references[${i}]`;
    if (!isRecord(r)) throw new ConfigError(`${file}: ${where} is not an object`);
    const kind = r["kind"] ?? "model";
    if (kind === "dataset") {
      out.skipped.push({ input: String(r["id"]), reason: "a dataset reference: modelgate scans models" });
      return;
    }
    if (kind !== "model") throw new ConfigError(`${file}: ${where}.kind must be "model" or "dataset", not ${JSON.stringify(kind)}`);
    const raw = str(r["id"]);
    if (raw && !parseHubRef(raw) && !raw.includes("@")) {
      out.errors.push(unscannable(raw));
      return;
    }
    const id = modelId(file, where, r["id"]);
    const revision = revisionOf(file, where, "revision", r["revision"]);
    out.targets.push({ id, target: revision ? `${id}@${revision}` : id });
  });
  return out;
}

/**
 * `modelgate.lock.json`: `models[]` with id and the commit the approved revision resolved to. The
 * commit is what was assessed, so it is what is scanned; without one, the revision.
 */
function fromLock(file: string, models: unknown[]): Inventory {
  const out: Inventory = { targets: [], skipped: [], errors: [] };
  models.forEach((m, i) => {
    const where = `models[${i}]`;
    if (!isRecord(m)) throw new ConfigError(`${file}: ${where} is not an object`);
    const id = modelId(file, where, m["id"]);
    const commit = revisionOf(file, where, "commit", m["commit"] ?? m["commitSha"] ?? m["resolved"]);
    if (commit && !COMMIT.test(commit)) throw new ConfigError(`${file}: ${where}.commit must be a 40-hex commit SHA, not ${JSON.stringify(commit)}`);
    const revision = commit ?? revisionOf(file, where, "revision", m["revision"]);
    out.targets.push({ id, target: revision ? `${id}@${revision}` : id });
  });
  return out;
}

/** The models an inventory names; a repeated target is scanned once and listed as skipped. */
export function parseInventory(file: string, data: unknown): Inventory {
  let inv: Inventory;
  if (isRecord(data) && Array.isArray(data["references"])) inv = fromDiscover(file, data["references"]);
  else if (isRecord(data) && Array.isArray(data["models"])) inv = fromLock(file, data["models"]);
  else throw new ConfigError(`${file}: not an inventory: expected the JSON of "modelgate discover" (a "references" list) or a modelgate.lock.json (a "models" list)`);
  const seen = new Set<string>();
  const targets: InventoryTarget[] = [];
  for (const t of inv.targets) {
    if (seen.has(t.target)) inv.skipped.push({ input: t.target, reason: "listed more than once; scanned once" });
    else targets.push(t);
    seen.add(t.target);
  }
  return { targets, skipped: inv.skipped, errors: inv.errors };
}

export function readInventory(file: string): Inventory {
  return parseInventory(file, readJsonFile(file));
}
