import { readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import type { CodeReference } from "./check-lock.js";

/** A references file larger than this is not a discover report: CWE-400. */
const MAX_REFERENCES_BYTES = 32 * 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates `{ references: [{ id, kind?, revision, locations: [{ path, line, snippet? }] }] }` (the discover JSON contract). */
export function parseReferences(raw: unknown, path: string): CodeReference[] {
  const list = isRecord(raw) ? raw["references"] : undefined;
  if (!Array.isArray(list)) throw new ConfigError(`${path}: expected an object with a "references" list (modelgate discover --format json)`);
  return list.map((r: unknown, i: number): CodeReference => {
    if (!isRecord(r) || typeof r["id"] !== "string") throw new ConfigError(`${path}: references[${i}] needs an "id"`);
    const revision = r["revision"];
    if (revision !== null && revision !== undefined && typeof revision !== "string") throw new ConfigError(`${path}: references[${i}].revision must be a string or null`);
    const kind = r["kind"] === "dataset" ? "dataset" : "model";
    const locations = Array.isArray(r["locations"]) ? r["locations"] : [];
    return {
      id: r["id"],
      kind,
      revision: typeof revision === "string" ? revision : null,
      locations: locations.flatMap((l: unknown) =>
        isRecord(l) && typeof l["path"] === "string" && typeof l["line"] === "number" ? [{ path: l["path"], line: l["line"], ...(typeof l["snippet"] === "string" ? { snippet: l["snippet"] } : {}) }] : [],
      ),
    };
  });
}

export function readReferencesFile(path: string): CodeReference[] {
  let raw: unknown;
  try {
    const buf = readFileSync(path);
    if (buf.byteLength > MAX_REFERENCES_BYTES) throw new ConfigError(`${path}: larger than ${MAX_REFERENCES_BYTES} bytes`);
    raw = JSON.parse(buf.toString("utf8")) as unknown;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: cannot read references: ${(e as Error).message}`);
  }
  return parseReferences(raw, path);
}
