import { LimitExceededError, ParseError, errorMessage } from "../../errors.js";
import { isSupportedMethod } from "../../io/zip.js";
import { openZipCached } from "../../io/zip-cache.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { SkopsSchema } from "./facts.js";
import { walkSchema } from "./walk-schema.js";

/** skops.io writes the object tree here, at the archive root; the arrays are sibling .npy members. */
const SCHEMA = "schema.json";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A schema.json root that skops wrote: a node (`__loader__`) or the protocol/version keys it adds. */
function looksLikeSkops(root: unknown): root is Record<string, unknown> {
  return isRecord(root) && (typeof root["__loader__"] === "string" || "_skops_version" in root);
}

/**
 * `.skops` files (skops.io): a zip whose schema.json names every Python type and function the
 * loader imports. Detected by that member rather than by a zip kind, so a renamed file is read too.
 * The zip walker still hands the members on (pickles or archives hidden inside are inspected).
 */
export const skopsInspector: Inspector = {
  name: "skops",
  accepts: (p) => p.format === "zip",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const zip = await openZipCached(artifact.source, ctx.signal);
    const entry = zip.find(SCHEMA);
    // Encrypted or oddly compressed members are reported by the zip walker (archive.unscannable).
    if (!entry || entry.isDirectory || entry.encrypted || !isSupportedMethod(entry.method)) return;
    if (entry.uncompressedSize > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `${SCHEMA} of ${entry.uncompressedSize} bytes exceeds ${MAX_JSON_BYTES}`);
    const source = await zip.entrySource(entry, MAX_JSON_BYTES);
    const bytes = await source.read(0, source.size, ctx.signal);
    let root: unknown;
    try {
      root = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (e) {
      // A zip named .skops with a schema.json skops cannot read: refuse to call it checked.
      if (artifact.ref.path.endsWith(".skops")) throw new ParseError(`${SCHEMA}: ${errorMessage(e)}`);
      return;
    }
    if (!looksLikeSkops(root)) {
      if (artifact.ref.path.endsWith(".skops")) throw new ParseError(`${SCHEMA} is not a skops object tree`);
      return;
    }
    const { references, nodes } = walkSchema(root);
    const schema: SkopsSchema = { references: references.length, nodes };
    if (typeof root["protocol"] === "number") schema.protocol = root["protocol"];
    if (typeof root["_skops_version"] === "string") schema.skopsVersion = root["_skops_version"].slice(0, 40);
    yield fact("skops.schema", schema, artifact.ref);
    for (const r of references) yield fact("skops.reference", r, artifact.ref);
  },
};
