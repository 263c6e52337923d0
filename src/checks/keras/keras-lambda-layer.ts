import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import type { KerasSource } from "../../inspectors/keras/facts.js";

const WHEN: Record<KerasSource, string> = {
  "keras-h5": "on load even with safe_mode=True (HDF5 loads ignore it, CVE-2025-9905)",
  "keras-v3": "on load with safe_mode=False or enable_unsafe_deserialization(), and always in Keras < 2.13 (CVE-2024-3660)",
  "keras-savedmodel": "when the TF-Keras SavedModel is loaded as a Keras model",
};

export const kerasLambdaLayer = defineCheck({
  name: "keras-lambda-layer",
  consumes: ["keras.lambda"],
  check(f, ctx) {
    if (!f.artifact) return;
    const l = f.data;
    // A Lambda that only names a function is judged by the reference checks.
    if (!l.code && l.functionRef) return;
    const path = refToString(f.artifact);
    const region = f.region ? { region: f.region } : {};
    if (!l.code) {
      ctx.report({ artifact: f.artifact, ...region, messageId: "opaque", data: { path, className: l.className, layer: l.layer, when: WHEN[l.source] }, key: l.pointer });
      return;
    }
    const names = l.code.strings.length > 0 ? l.code.strings.slice(0, 12).join(", ") : "(none readable)";
    ctx.report({
      artifact: f.artifact,
      ...region,
      data: { path, className: l.className, layer: l.layer, bytes: l.code.byteLength, when: WHEN[l.source], names },
      key: `${l.pointer}\0${l.layer}`,
      evidence: [
        { text: `bytecode (first ${l.code.hex.length / 2} of ${l.code.byteLength} bytes, hex): ${l.code.hex}`, artifact: f.artifact },
        { text: `strings in the bytecode: ${l.code.strings.join(" | ") || "(none)"}`, artifact: f.artifact },
      ],
    });
  },
});
