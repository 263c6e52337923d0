import { refToString, rootRef } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import type { Format } from "../../types/format.js";
import "../../inspectors/pickle/facts.js";

/** Weight checkpoints by extension; trainer side files (arguments, optimizer, RNG) are pickles but not weights. */
const WEIGHT_FILE = /\.(bin|pt|pth|ckpt|pkl|pickle)$/i;
const NOT_WEIGHTS = /(^|\/)(training_args|optimizer|scheduler|rng_state[^/]*|trainer_state|scaler)\.(bin|pt|pth)$/i;

/** How the weights are stored, named after the container the sniffer saw (not the file name). */
const CONTAINER_WORDS: Partial<Record<Format, string>> = {
  "pytorch-zip": "PyTorch zip checkpoint",
  "pytorch-legacy": "PyTorch legacy format",
  tar: "PyTorch tar checkpoint",
  pickle: "plain pickle file",
  joblib: "joblib dump",
};

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export const pickleInWeightsFile = defineCheck({
  name: "pickle-in-weights-file",
  consumes: [],
  finish(ctx) {
    // Only files whose bytes are safetensors count as the safe copy: a pickle named model.safetensors
    // (B15, format-disguised-pickle) is no alternative to recommend.
    const formats = new Map<string, Format>();
    for (const f of ctx.facts) if (f.kind === "artifact.format" && f.artifact && !f.artifact.parent) formats.set(f.artifact.path, f.data.format);
    const safetensors = [...formats].filter(([, fmt]) => fmt === "safetensors").map(([p]) => p);
    const seen = new Set<string>();
    for (const f of ctx.facts) {
      if (f.kind !== "pickle.summary" || !f.artifact) continue;
      const root = rootRef(f.artifact);
      const path = refToString(root);
      if (seen.has(path) || !WEIGHT_FILE.test(path) || NOT_WEIGHTS.test(path)) continue;
      seen.add(path);
      const container = formats.get(path);
      const layout = (container && CONTAINER_WORDS[container]) ?? (container ? `pickle inside a ${container} container` : "plain pickle file");
      // The same weights in another format live beside the pickle (diffusers: unet/*.bin and unet/*.safetensors).
      const siblings = safetensors.filter((p) => dirOf(p) === dirOf(path));
      ctx.report({
        messageId: siblings.length > 0 ? "both" : "default",
        artifact: root,
        key: path,
        data: { path, layout, safetensors: siblings.slice(0, 3).join(", ") },
        evidence: [{ text: `${refToString(f.artifact)}: ${f.data.pickles} pickle(s), ${f.data.distinctGlobals} distinct import(s)`, artifact: f.artifact }],
      });
    }
  },
});
