import { LimitExceededError, ParseError } from "../../errors.js";
import { openZipCached } from "../../io/zip-cache.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import type { Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { kerasConfigFacts } from "./emit.js";

/** Reads one small JSON member, bounded by MAX_JSON_BYTES even when its sizes lie. */
async function readMember(zip: Awaited<ReturnType<typeof openZipCached>>, name: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  const entry = zip.find(name);
  if (!entry) return undefined;
  if (entry.uncompressedSize > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `${name} of ${entry.uncompressedSize} bytes exceeds ${MAX_JSON_BYTES}`);
  const src = await zip.entrySource(entry, MAX_JSON_BYTES);
  return src.read(0, Math.min(src.size, MAX_JSON_BYTES), signal);
}

function kerasVersionOf(metadata: Uint8Array | undefined): string | undefined {
  if (!metadata) return undefined;
  try {
    const m: unknown = JSON.parse(new TextDecoder().decode(metadata));
    const v = typeof m === "object" && m !== null ? (m as Record<string, unknown>)["keras_version"] : undefined;
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keras 3 `.keras` archives (zip with config.json + metadata.json + model.weights.h5): reads the two
 * JSON members through the shared zip listing and analyses the model config. Findings point at the
 * member `model.keras!/config.json` with byte regions inside it.
 */
export const kerasArchiveInspector: Inspector = {
  name: "keras-archive",
  accepts: (p) => p.format === "keras" || p.declared === "keras",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const zip = await openZipCached(artifact.source, ctx.signal);
    const config = await readMember(zip, "config.json", ctx.signal);
    if (!config) throw new ParseError("Keras archive without config.json");
    const version = kerasVersionOf(await readMember(zip, "metadata.json", ctx.signal));
    yield* kerasConfigFacts(config, 0, "keras-v3", { path: "config.json", parent: artifact.ref }, version !== undefined ? { kerasVersion: version } : {});
  },
};
