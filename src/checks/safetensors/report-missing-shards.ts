import { refToString } from "../../types/artifact.js";
import type { CheckContext } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import "../../inspectors/safetensors/facts.js";
import { hasParentSegment, resolveInRepo } from "./repo-path.js";

/** Missing shards named in one finding's message; the evidence lists more. */
const NAMED_IN_MESSAGE = 3;
const MAX_EVIDENCE = 50;

/**
 * Reports the shards a weights index names that are missing from the repo or escape it. Shared
 * by the safetensors and PyTorch index rules: both indexes have the same `weight_map` shape and
 * both loaders join shard names onto the model folder. The calling rule's messages need the ids
 * `default`, `several` and `escape`.
 */
export function reportMissingShards(f: FactOf<"safetensors.index">, ctx: CheckContext): void {
  if (!f.artifact || f.artifact.parent) return;
  const present = new Set(ctx.files.map((x) => x.path));
  const path = refToString(f.artifact);
  const missing: { shard: string; resolved: string }[] = [];
  for (const shard of f.data.shards) {
    const resolved = resolveInRepo(f.data.dir, shard);
    if (resolved === undefined || hasParentSegment(shard)) {
      // Each escaping name is its own finding: it is an attack, not a partial download.
      ctx.report({ artifact: f.artifact, messageId: "escape", data: { path, shard }, key: shard, evidence: [{ text: `weight_map names "${shard}"`, artifact: f.artifact }] });
    } else if (!present.has(resolved)) {
      missing.push({ shard, resolved });
    }
  }
  if (missing.length === 0) return;
  const evidence = missing.slice(0, MAX_EVIDENCE).map((m) => ({ text: `weight_map names "${m.shard}" (expected at ${m.resolved})`, artifact: f.artifact! }));
  if (missing.length === 1) {
    ctx.report({ artifact: f.artifact, data: { path, shard: missing[0]!.shard }, key: missing[0]!.shard, evidence });
    return;
  }
  // One finding per index: a folder holding only the configs of a 72-shard model is one problem, not 72.
  const named = missing.slice(0, NAMED_IN_MESSAGE).map((m) => `"${m.shard}"`).join(", ");
  const shards = missing.length > NAMED_IN_MESSAGE ? `${named}, … ${missing.length - NAMED_IN_MESSAGE} more` : named;
  ctx.report({ artifact: f.artifact, messageId: "several", data: { path, count: String(missing.length), shards }, key: "missing", evidence });
}
