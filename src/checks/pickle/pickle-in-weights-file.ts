import { refToString, rootRef } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";

/** Weight checkpoints by extension; trainer side files (arguments, optimizer, RNG) are pickles but not weights. */
const WEIGHT_FILE = /\.(bin|pt|pth|ckpt|pkl|pickle)$/i;
const NOT_WEIGHTS = /(^|\/)(training_args|optimizer|scheduler|rng_state[^/]*|trainer_state|scaler)\.(bin|pt|pth)$/i;

export const pickleInWeightsFile = defineCheck({
  name: "pickle-in-weights-file",
  consumes: [],
  finish(ctx) {
    const safetensors = ctx.files.map((f) => f.path).filter((p) => p.endsWith(".safetensors"));
    const seen = new Set<string>();
    for (const f of ctx.facts) {
      if (f.kind !== "pickle.summary" || !f.artifact) continue;
      const root = rootRef(f.artifact);
      const path = refToString(root);
      if (seen.has(path) || !WEIGHT_FILE.test(path) || NOT_WEIGHTS.test(path)) continue;
      seen.add(path);
      const layout = root === f.artifact ? (f.data.layout === "pytorch-legacy" ? "PyTorch legacy format" : f.data.layout) : "pickle inside a container";
      ctx.report({
        messageId: safetensors.length > 0 ? "both" : "default",
        artifact: root,
        key: path,
        data: { path, layout, safetensors: safetensors.slice(0, 3).join(", ") },
        evidence: [{ text: `${refToString(f.artifact)}: ${f.data.pickles} pickle(s), ${f.data.distinctGlobals} distinct import(s)`, artifact: f.artifact }],
      });
    }
  },
});
