import { ProtoWalker, WIRE } from "../../io/protobuf.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import type { Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { kerasConfigFacts } from "./emit.js";

/**
 * `keras_metadata.pb` beside a TF-Keras SavedModel: SavedMetadata { nodes = 1: SavedObject {
 * node_path = 3; identifier = 4; metadata = 5 (JSON) } }. Each node's JSON is a layer or model
 * config, analysed like a `.keras` config.
 */
export const kerasMetadataPbInspector: Inspector = {
  name: "keras-metadata-pb",
  accepts: (p) => p.name === "keras_metadata.pb" && (p.format === "unknown" || p.format === "text"),
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const w = new ProtoWalker(artifact.source, ctx.signal);
    const root = w.root();
    const seen = new Set<string>();
    let models = 0;
    for await (const f of w.fields(root)) {
      if (f.field !== 1 || f.wire !== WIRE.len) continue;
      const node = w.sub(root, f);
      for await (const g of w.fields(node)) {
        if (g.field !== 5 || g.wire !== WIRE.len) continue;
        const bytes = await w.bytes(node, g, MAX_JSON_BYTES);
        for (const x of kerasConfigFacts(bytes, g.at, "keras-savedmodel", artifact.ref)) {
          // The model node repeats every layer's config; keep each lambda/reference once.
          if (x.kind === "keras.model") {
            if (models++ > 0) continue;
          } else {
            const key =
              x.kind === "keras.reference" ? `ref\0${x.data.ref}` : x.kind === "keras.lambda" ? `lambda\0${x.data.layer}\0${x.data.code?.hex ?? x.data.functionRef ?? ""}` : JSON.stringify(x.data);
            if (seen.has(key)) continue;
            seen.add(key);
          }
          yield x;
        }
      }
    }
  },
};
