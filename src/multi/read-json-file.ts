import { readFileSync, statSync } from "node:fs";
import { ConfigError, errorMessage } from "../errors.js";
import { MAX_JSON_BYTES } from "../limits.js";

/** A JSON file given on the command line (inventory, report to merge): bounded, with errors naming the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    // An inventory or report is data we did not write: a huge one is refused before it is read (CWE-400).
    const size = statSync(path).size;
    if (size > MAX_JSON_BYTES) throw new ConfigError(`${path}: ${size} bytes is more than the ${MAX_JSON_BYTES}-byte limit for a JSON input`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`cannot read ${path}: ${errorMessage(e)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON: ${errorMessage(e)}`);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
