import { ParseError } from "../../errors.js";
import { readRootAttributes } from "../../io/hdf5.js";
import type { Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { kerasConfigFacts } from "./emit.js";

const WANTED = new Set(["model_config", "keras_version", "backend"]);

/**
 * Legacy Keras `.h5` models: the root group's `model_config` attribute holds the same JSON a
 * `.keras` config does, and HDF5 loads ignore `safe_mode` (CVE-2025-9905, Keras 3.0-3.11.2).
 */
export const kerasH5Inspector: Inspector = {
  name: "keras-h5",
  accepts: (p) => p.format === "hdf5" || p.declared === "hdf5",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const root = await readRootAttributes(artifact.source, (n) => WANTED.has(n), ctx.signal);
    const get = (n: string) => root.attributes.find((a) => a.name === n);
    const config = get("model_config");
    if (config?.value === undefined) {
      if (root.denseAttributes) throw new ParseError("the HDF5 root group keeps its attributes in dense storage, which is not read: a Keras model_config there was not checked");
      return;
    }
    const extra: { kerasVersion?: string; backend?: string } = {};
    const version = get("keras_version")?.value;
    const backend = get("backend")?.value;
    if (version !== undefined) extra.kerasVersion = version;
    if (backend !== undefined) extra.backend = backend;
    const bytes = new TextEncoder().encode(config.value);
    yield* kerasConfigFacts(bytes, config.region?.byteOffset ?? 0, "keras-h5", artifact.ref, extra);
  },
};
