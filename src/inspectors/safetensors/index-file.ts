import { LimitExceededError, ParseError } from "../../errors.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { WeightsIndexFormat } from "./facts.js";
import { isJsonObject, parseStrictJson } from "./strict-json.js";

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Which weights a shard index lists, from its name (transformers picks the index by name too). */
function shardFormatOf(name: string): WeightsIndexFormat | undefined {
  if (name.endsWith(".safetensors.index.json")) return "safetensors";
  // `pytorch_model.bin.index.json` (transformers WEIGHTS_INDEX_NAME) and variants such as
  // `pytorch_model.fp16.bin.index.json`: same `weight_map` shape, shards are torch.load pickles.
  if (name.endsWith(".bin.index.json")) return "pytorch";
  return undefined;
}

/**
 * `model.safetensors.index.json` / `pytorch_model.bin.index.json`: the shard list transformers
 * follows to load sharded weights. Both share one shape, so one reader serves both.
 */
export const safetensorsIndexInspector: Inspector = {
  name: "safetensors-index",
  accepts: (p) => shardFormatOf(p.name) !== undefined && p.format === "json",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    if (artifact.source.size > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `index of ${artifact.source.size} bytes exceeds ${MAX_JSON_BYTES}`);
    const bytes = await artifact.source.read(0, artifact.source.size, ctx.signal);
    const { value } = parseStrictJson(bytes);
    const format = shardFormatOf(artifact.ref.path) ?? "safetensors";
    const map = isJsonObject(value) ? value.get("weight_map") : undefined;
    if (!isJsonObject(map)) throw new ParseError(`${format} index has no "weight_map" object`);
    const shards = new Set<string>();
    for (const v of map.values()) if (typeof v === "string") shards.add(v);
    yield fact("safetensors.index", { format, shards: [...shards].sort(), tensorCount: map.size, dir: artifact.ref.parent ? "" : dirOf(artifact.ref.path) }, artifact.ref);
  },
};
