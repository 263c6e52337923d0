import { SliceByteSource } from "../../io/byte-source.js";
import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { memberArtifact } from "../archive/member-ref.js";
import "./facts.js";
import { readNpyHeader } from "./npy-header.js";

/**
 * .npy files and .npz members: the header is parsed as data; an object dtype means the rest of the
 * file is a pickle (np.load with allow_pickle=True unpickles it), handed to the pickle inspector.
 */
export const npyInspector: Inspector = {
  name: "npy",
  accepts: (p) => p.format === "numpy",
  async *inspect(artifact, _probe, ctx) {
    const h = await readNpyHeader(artifact.source, ctx.signal);
    const actual = artifact.source.size - h.dataOffset;
    const count = h.shape.reduce((a, b) => a * b, 1);
    const expected = h.itemsize !== undefined && Number.isSafeInteger(count * h.itemsize) ? count * h.itemsize : undefined;
    yield fact(
      "numpy.array",
      {
        version: h.version,
        descr: h.descr,
        shape: h.shape,
        fortranOrder: h.fortranOrder,
        objectDtype: h.objectDtype,
        dataOffset: h.dataOffset,
        ...(expected !== undefined ? { expectedDataBytes: expected } : {}),
        actualDataBytes: actual,
      },
      artifact.ref,
      { byteOffset: 0, byteLength: h.dataOffset },
    );
    // np.load never reads bytes past the array; whatever was glued there is handed on to be sniffed.
    if (expected !== undefined && actual > expected) {
      yield { child: memberArtifact(artifact.ref, "(bytes after the array)", new SliceByteSource(artifact.source, h.dataOffset + expected, actual - expected)) };
    }
    if (h.objectDtype) {
      yield { child: memberArtifact(artifact.ref, "(object array pickle)", new SliceByteSource(artifact.source, h.dataOffset, actual)), declared: "pickle" };
    }
  },
};
