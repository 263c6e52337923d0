import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/safetensors/facts.js";
import { hasParentSegment, resolveInRepo } from "./repo-path.js";

export const safetensorsIndexMissingShard = defineCheck({
  name: "safetensors-index-missing-shard",
  consumes: ["safetensors.index"],
  check(f, ctx) {
    if (!f.artifact || f.artifact.parent) return;
    const present = new Set(ctx.files.map((x) => x.path));
    const path = refToString(f.artifact);
    for (const shard of f.data.shards) {
      const resolved = resolveInRepo(f.data.dir, shard);
      if (resolved === undefined || hasParentSegment(shard)) {
        ctx.report({ artifact: f.artifact, messageId: "escape", data: { path, shard }, key: shard, evidence: [{ text: `weight_map names "${shard}"`, artifact: f.artifact }] });
      } else if (!present.has(resolved)) {
        ctx.report({ artifact: f.artifact, data: { path, shard }, key: shard, evidence: [{ text: `weight_map names "${shard}" (expected at ${resolved})`, artifact: f.artifact }] });
      }
    }
  },
});
