import { LimitExceededError } from "../../errors.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import type { Fact } from "../../types/fact.js";
import type { Inspector, Probe } from "../../types/inspector.js";
import { kerasConfigFacts } from "./emit.js";

const CLASS_NAME = new TextEncoder().encode('"class_name"');

function mentionsClassName(head: Uint8Array): boolean {
  outer: for (let i = 0; i + CLASS_NAME.length <= head.length; i++) {
    for (let k = 0; k < CLASS_NAME.length; k++) if (head[i + k] !== CLASS_NAME[k]) continue outer;
    return true;
  }
  return false;
}

/** `config.json` inside a Keras 3 `.keras` zip (a member: its ref has the zip as parent). */
function isKerasConfig(p: Probe): boolean {
  if (p.name !== "config.json" || !p.ref.parent || p.format !== "json") return false;
  return p.ref.parent.path.endsWith(".keras") || p.declared === "keras" || mentionsClassName(p.head);
}

/**
 * A Keras `config.json` reached as a member of a zip that was not recognised as a `.keras` archive
 * (renamed, or without metadata.json): the model config a loader deserialises layer by layer.
 */
export const kerasConfigInspector: Inspector = {
  name: "keras-config",
  accepts: isKerasConfig,
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    if (artifact.source.size > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `Keras config of ${artifact.source.size} bytes exceeds ${MAX_JSON_BYTES}`);
    const bytes = await artifact.source.read(0, artifact.source.size, ctx.signal);
    yield* kerasConfigFacts(bytes, 0, "keras-v3", artifact.ref);
  },
};
