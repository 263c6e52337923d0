import { LimitExceededError, ParseError } from "../../errors.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";
import { isJsonObject, parseStrictJson } from "./strict-json.js";

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `model.safetensors.index.json`: the shard list transformers follows to load sharded weights. */
export const safetensorsIndexInspector: Inspector = {
  name: "safetensors-index",
  accepts: (p) => p.name.endsWith(".safetensors.index.json") && p.format === "json",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    if (artifact.source.size > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `index of ${artifact.source.size} bytes exceeds ${MAX_JSON_BYTES}`);
    const bytes = await artifact.source.read(0, artifact.source.size, ctx.signal);
    const { value } = parseStrictJson(bytes);
    const map = isJsonObject(value) ? value.get("weight_map") : undefined;
    if (!isJsonObject(map)) throw new ParseError('safetensors index has no "weight_map" object');
    const shards = new Set<string>();
    for (const v of map.values()) if (typeof v === "string") shards.add(v);
    yield fact("safetensors.index", { shards: [...shards].sort(), tensorCount: map.size, dir: artifact.ref.parent ? "" : dirOf(artifact.ref.path) }, artifact.ref);
  },
};
