import type { Inspector } from "../../types/inspector.js";
import { genericPolicy, walkZip } from "./zip-walk.js";

/**
 * Plain zips, .npz and Keras v3 archives: anomalies, nested archives, and every recognisable member
 * handed on (for .keras only pickles and archives: H5b's Keras inspector reads the JSON itself).
 * PyTorch zips have their own walker in ../torch.
 */
export const zipInspector: Inspector = {
  name: "zip",
  accepts: (p) => p.format === "zip" || p.format === "numpy-npz" || p.format === "keras",
  async *inspect(artifact, probe, ctx) {
    yield* walkZip(artifact, probe.format, genericPolicy(probe.format), ctx, probe.depth);
  },
};
