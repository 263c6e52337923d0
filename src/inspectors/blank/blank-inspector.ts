import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";

/** Bytes read at the middle and at the end, beside the sniffed head, to call a file blank. */
const SAMPLE_BYTES = 4096;

/** The value every byte holds, or undefined when two differ (an empty array has none). */
function uniformByte(bytes: Uint8Array): number | undefined {
  const first = bytes[0];
  if (first === undefined) return undefined;
  for (const b of bytes) if (b !== first) return undefined;
  return first;
}

/**
 * Files with nothing in them: empty, or (from the head, a sample in the middle and the tail) one byte
 * value repeated, such as a file of zeros. Their bytes are no format at all, so the sniffer calls them
 * text or unknown; the fact lets a check say so when the name promises weights (#8.12).
 */
export const blankInspector: Inspector = {
  name: "blank-content",
  accepts: (p) => (p.format === "text" || p.format === "unknown") && (p.size === 0 || uniformByte(p.head) !== undefined),
  async *inspect(artifact, probe, ctx) {
    const size = artifact.source.size;
    if (size === 0) {
      yield fact("artifact.blank", { name: probe.name, size }, artifact.ref);
      return;
    }
    const byte = uniformByte(probe.head)!;
    for (const at of [Math.floor(size / 2), Math.max(0, size - SAMPLE_BYTES)]) {
      if (at < probe.head.byteLength) continue;
      const sample = await artifact.source.read(at, Math.min(SAMPLE_BYTES, size - at), ctx.signal);
      if (uniformByte(sample) !== byte) return;
    }
    yield fact("artifact.blank", { name: probe.name, size, byte }, artifact.ref);
  },
};
