import { LimitExceededError } from "../../errors.js";
import { MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";

/** model_signing's default signature name, at the repo root. */
export const SIGNATURE_FILE = "model.sig";

/** Reads a repo-root `model.sig` so the repo inspector can verify it with the scanned files' hashes. */
export const signatureFileInspector: Inspector = {
  name: "signature-file",
  accepts: (probe) => probe.depth === 0 && !probe.ref.parent && probe.ref.path === SIGNATURE_FILE,
  async *inspect(artifact, _probe, ctx) {
    const size = artifact.source.size;
    if (size > MAX_TEXT_FILE_BYTES) throw new LimitExceededError("MAX_TEXT_FILE_BYTES", `${SIGNATURE_FILE} is ${size} bytes, more than the ${MAX_TEXT_FILE_BYTES} modelgate reads`);
    const bytes = await artifact.source.read(0, size, ctx.signal);
    yield fact("signing.bundle-file", { text: new TextDecoder().decode(bytes) }, artifact.ref);
  },
};
