import { readFileSync } from "node:fs";
import { CHECKLIST_IDS } from "../catalog/load-rules.js";
import { SEVERITIES } from "../types/finding.js";
import { digestOf } from "./canonical-json.js";
import { jsonLines, JsonSyntaxError, lineOf } from "./json-lines.js";
import { LOCK_VERSION, type LockFile } from "./lock-file.js";
import { LockFileError } from "./lock-file-error.js";
import { errorMessage } from "../errors.js";

/** A lock file larger than this is not one modelgate wrote: memory exhaustion, CWE-400. */
export const MAX_LOCK_FILE_BYTES = 64 * 1024 * 1024;

const SHA256 = /^[0-9a-f]{64}$/;
const SHA1 = /^[0-9a-f]{40}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const STATUSES = ["pass", "fail", "review", "not-applicable", "not-checked"];

type Problem = { pointer: string; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Shape checks with the JSON pointer of the first problem; the schema in schema/lock.schema.json says the same. */
function shapeProblem(raw: unknown): Problem | undefined {
  const at = (pointer: string, message: string): Problem => ({ pointer, message });
  const keys = (o: Record<string, unknown>, pointer: string, required: string[], optional: string[] = []): Problem | undefined => {
    for (const k of required) if (!(k in o)) return at(pointer, `missing "${k}"`);
    for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) return at(`${pointer}/${k}`, `unknown key "${k}"`);
    return undefined;
  };
  if (!isRecord(raw)) return at("", "a lock file must be a JSON object");
  const top = keys(raw, "", ["lockVersion", "tool", "advisories", "policy", "failOn", "models", "integrity"]);
  if (top) return top;
  const tool = raw["tool"];
  if (!isRecord(tool) || tool["name"] !== "modelgate" || typeof tool["version"] !== "string") return at("/tool", 'tool must be {"name": "modelgate", "version": string}');
  const adv = raw["advisories"];
  if (!isRecord(adv) || typeof adv["date"] !== "string" || typeof adv["count"] !== "number") return at("/advisories", "advisories must be {date: string, count: number}");
  const policy = raw["policy"];
  if (policy !== null && (!isRecord(policy) || typeof policy["sha256"] !== "string" || !SHA256.test(policy["sha256"]))) return at("/policy", "policy must be null or {sha256: 64 hex}");
  if (raw["failOn"] !== "none" && !(SEVERITIES as readonly unknown[]).includes(raw["failOn"])) return at("/failOn", "failOn must be a severity or none");
  if (typeof raw["integrity"] !== "string" || !DIGEST.test(raw["integrity"])) return at("/integrity", "integrity must be sha256:<64 hex>");
  const models = raw["models"];
  if (!Array.isArray(models)) return at("/models", "models must be a list");
  for (const [i, m] of models.entries()) {
    const p = `/models/${i}`;
    if (!isRecord(m)) return at(p, "a model entry must be an object");
    const k = keys(m, p, ["id", "revision", "commit", "license", "gated", "private", "verdict", "checklist", "files", "digest"]);
    if (k) return k;
    if (typeof m["id"] !== "string" || !/^[^/\s]+\/[^/\s]+$/.test(m["id"])) return at(`${p}/id`, "id must be owner/name");
    if (typeof m["revision"] !== "string" || m["revision"] === "") return at(`${p}/revision`, "revision must be a non-empty string");
    if (typeof m["commit"] !== "string" || !SHA1.test(m["commit"])) return at(`${p}/commit`, "commit must be 40 lowercase hex digits");
    if (!Array.isArray(m["license"]) || !m["license"].every((l) => typeof l === "string")) return at(`${p}/license`, "license must be a list of strings");
    if (m["gated"] !== false && m["gated"] !== "auto" && m["gated"] !== "manual") return at(`${p}/gated`, 'gated must be false, "auto" or "manual"');
    if (typeof m["private"] !== "boolean") return at(`${p}/private`, "private must be true or false");
    if (typeof m["digest"] !== "string" || !DIGEST.test(m["digest"])) return at(`${p}/digest`, "digest must be sha256:<64 hex>");
    const v = m["verdict"];
    if (!isRecord(v) || typeof v["passed"] !== "boolean" || !isRecord(v["counts"]) || !Array.isArray(v["waived"])) return at(`${p}/verdict`, "verdict must have passed, failOn, highest, counts and waived");
    const c = m["checklist"];
    if (!isRecord(c)) return at(`${p}/checklist`, "checklist must map the seven item ids to statuses");
    for (const id of CHECKLIST_IDS) if (!STATUSES.includes(String(c[id]))) return at(`${p}/checklist`, `checklist item "${id}" must be one of ${STATUSES.join(", ")}`);
    const files = m["files"];
    if (!Array.isArray(files)) return at(`${p}/files`, "files must be a list");
    let prev = "";
    for (const [j, f] of files.entries()) {
      const fp = `${p}/files/${j}`;
      if (!isRecord(f)) return at(fp, "a file entry must be an object");
      const fk = keys(f, fp, ["path", "size", "lfs"], ["sha256", "gitSha1"]);
      if (fk) return fk;
      if (typeof f["path"] !== "string" || f["path"] === "") return at(`${fp}/path`, "path must be a non-empty string");
      if (f["path"] <= prev) return at(`${fp}/path`, `files must be sorted by path without duplicates ("${f["path"]}" after "${prev}")`);
      prev = f["path"];
      if (typeof f["size"] !== "number" || !Number.isSafeInteger(f["size"]) || f["size"] < 0) return at(`${fp}/size`, "size must be a non-negative integer");
      if (typeof f["lfs"] !== "boolean") return at(`${fp}/lfs`, "lfs must be true or false");
      if (f["sha256"] !== undefined && (typeof f["sha256"] !== "string" || !SHA256.test(f["sha256"]))) return at(`${fp}/sha256`, "sha256 must be 64 lowercase hex digits");
      if (f["gitSha1"] !== undefined && (typeof f["gitSha1"] !== "string" || !SHA1.test(f["gitSha1"]))) return at(`${fp}/gitSha1`, "gitSha1 must be 40 lowercase hex digits");
      if (f["sha256"] === undefined && f["gitSha1"] === undefined) return at(fp, "a file needs sha256 or gitSha1");
    }
  }
  return undefined;
}

/**
 * Parses and verifies a lock file's text: JSON syntax, a lockVersion this build knows, the shape,
 * each entry's digest and the whole file's integrity digest. Every problem is a LockFileError
 * naming the file and line.
 */
export function parseLockFile(text: string, path: string): LockFile {
  let lines: Map<string, number>;
  try {
    lines = jsonLines(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new LockFileError(path, e.line, `not valid JSON: ${e.message}`);
    throw e;
  }
  const raw = JSON.parse(text) as unknown;
  // The version first: a newer file may legitimately have a shape this build does not know.
  if (isRecord(raw) && "lockVersion" in raw) {
    const v = raw["lockVersion"];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new LockFileError(path, lineOf(lines, "/lockVersion"), "lockVersion must be a positive integer");
    if (v > LOCK_VERSION) throw new LockFileError(path, lineOf(lines, "/lockVersion"), `lockVersion ${v} is newer than this modelgate understands (${LOCK_VERSION}); upgrade modelgate`);
  }
  const problem = shapeProblem(raw);
  if (problem) throw new LockFileError(path, lineOf(lines, problem.pointer), problem.message);
  const lock = raw as LockFile;
  for (const [i, m] of lock.models.entries()) {
    const expected = digestOf(m as unknown as Record<string, unknown>, "digest");
    if (expected !== m.digest) {
      throw new LockFileError(path, lineOf(lines, `/models/${i}`), `the entry for ${m.id}@${m.revision} does not match its digest: it was edited by hand after modelgate wrote it (run modelgate lock again)`);
    }
  }
  if (digestOf(lock as unknown as Record<string, unknown>, "integrity") !== lock.integrity) {
    throw new LockFileError(path, lineOf(lines, "/integrity"), "the file does not match its integrity digest: entries were added, removed, reordered or top-level fields edited by hand (run modelgate lock again)");
  }
  return lock;
}

/** The lock file's text, bounded: a file that large is not a lock. */
export function readLockText(path: string): string {
  try {
    const buf = readFileSync(path);
    if (buf.byteLength > MAX_LOCK_FILE_BYTES) throw new LockFileError(path, undefined, `larger than ${MAX_LOCK_FILE_BYTES} bytes; not a modelgate lock`);
    return buf.toString("utf8");
  } catch (e) {
    if (e instanceof LockFileError) throw e;
    throw new LockFileError(path, undefined, `cannot read: ${errorMessage(e)}`);
  }
}

export function readLockFile(path: string): LockFile {
  return parseLockFile(readLockText(path), path);
}
