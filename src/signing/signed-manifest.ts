import { createHash } from "node:crypto";
import { ParseError } from "../errors.js";

/** The DSSE payload type and in-toto statement type OpenSSF model signing uses. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
export const IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
/** model_signing v1.0 predicate: one subject (model name + digest of all digests), files in predicate.resources. */
export const PREDICATE_V1 = "https://model_signing/signature/v1.0";
/** model_signing v0.2 predicate (used before v1.0): one subject per file. */
export const PREDICATE_V0 = "https://model_signing/Digests/v0.1";

/** What a model signature says the model is: a SHA-256 per file, by repo-relative path. */
export interface SignedManifest {
  predicateType: typeof PREDICATE_V1 | typeof PREDICATE_V0;
  /** The subject name (the model folder name when signed); absent in the v0.2 format. */
  modelName?: string;
  /** Path → lowercase hex SHA-256. */
  files: Map<string, string>;
  /** Paths the signer excluded (`predicate.serialization.ignore_paths`). */
  ignorePaths: string[];
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;

function fail(where: string, problem: string): never {
  throw new ParseError(`${where}: ${problem}`);
}

function addFile(files: Map<string, string>, where: string, name: unknown, digest: unknown): void {
  if (typeof name !== "string" || name === "") fail(where, "a manifest entry has no file name");
  if (typeof digest !== "string" || !HEX64.test(digest.toLowerCase())) fail(where, `"${name}" has no SHA-256 digest`);
  if (files.has(name)) fail(where, `"${name}" is listed twice`);
  files.set(name, digest.toLowerCase());
}

/**
 * Reads the in-toto statement a model signature signs. v1.0: `predicate.resources[]` lists every
 * file (`name`, `algorithm: sha256`, `digest`) and the single subject's digest is the SHA-256 over
 * the resources' raw digests in order, which is checked here so a statement whose subject and file
 * list disagree is refused. v0.2: each subject is one file. Throws ParseError naming the problem.
 */
export function readSignedManifest(payload: Uint8Array, where: string): SignedManifest {
  let statement: Record<string, unknown> | undefined;
  try {
    statement = record(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)));
  } catch (e) {
    fail(where, `signed payload is not JSON (${(e as Error).message})`);
  }
  if (!statement) fail(where, "signed payload is not a JSON object");
  if (statement["_type"] !== IN_TOTO_STATEMENT_V1) fail(where, `signed payload is not an in-toto ${IN_TOTO_STATEMENT_V1} statement`);
  const subjects = statement["subject"];
  if (!Array.isArray(subjects)) fail(where, "in-toto statement has no subject list");
  const files = new Map<string, string>();
  const type = statement["predicateType"];
  if (type === PREDICATE_V0) {
    for (const s of subjects) addFile(files, where, record(s)?.["name"], record(record(s)?.["digest"])?.["sha256"]);
    return { predicateType: PREDICATE_V0, files, ignorePaths: [] };
  }
  if (type !== PREDICATE_V1) fail(where, `predicate type ${JSON.stringify(type)} is not a model signature (${PREDICATE_V1})`);
  if (subjects.length !== 1) fail(where, `a v1.0 model signature has one subject, this one has ${subjects.length}`);
  const subject = record(subjects[0]);
  const rootDigest = record(subject?.["digest"])?.["sha256"];
  const predicate = record(statement["predicate"]);
  const resources = predicate?.["resources"];
  if (!Array.isArray(resources)) fail(where, "predicate has no resources list");
  const root = createHash("sha256");
  for (const r of resources) {
    const res = record(r);
    if (res?.["algorithm"] !== "sha256") fail(where, `"${String(res?.["name"])}" is hashed with ${JSON.stringify(res?.["algorithm"])}, not sha256`);
    addFile(files, where, res["name"], res["digest"]);
    root.update(Buffer.from(String(res["digest"]), "hex"));
  }
  if (typeof rootDigest !== "string" || root.digest("hex") !== rootDigest.toLowerCase()) fail(where, "the subject digest does not match the listed files (manifest is inconsistent)");
  const ignore = record(predicate?.["serialization"])?.["ignore_paths"];
  const ignorePaths = Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === "string") : [];
  const name = subject?.["name"];
  return { predicateType: PREDICATE_V1, ...(typeof name === "string" ? { modelName: name } : {}), files, ignorePaths };
}
