import { MAX_SAFETENSORS_HEADER_BYTES } from "../../limits.js";
import { SliceByteSource } from "../../io/byte-source.js";
import { fact, type Fact } from "../../types/fact.js";
import type { ChildArtifact, Inspector } from "../../types/inspector.js";
import "./facts.js";
import { HEADER_START, validateSafetensorsHeader } from "./validate-header.js";

/**
 * Reads only the length prefix and the JSON header (two ranged reads on a remote source) and
 * validates them. Bytes after the last tensor are yielded as a child artifact so a pickle or zip
 * glued to the end (a polyglot) is sniffed and inspected like any other file.
 */
export const safetensorsInspector: Inspector = {
  name: "safetensors",
  accepts: (p) => p.format === "safetensors" || p.declared === "safetensors" || (p.name.endsWith(".safetensors") && p.format === "unknown"),
  async *inspect(artifact, probe, ctx): AsyncGenerator<Fact | ChildArtifact> {
    const size = artifact.source.size;
    const ref = artifact.ref;
    if (size < HEADER_START) {
      yield fact("safetensors.problem", { code: "too-short", detail: `${size} bytes: shorter than the 8-byte header length` }, ref, { byteOffset: 0, byteLength: size });
      return;
    }
    // The sniffed head often holds the whole header already: no second request for it on a remote source.
    const fromHead = (at: number, len: number): Uint8Array | undefined => (probe.head.byteLength >= at + len ? probe.head.subarray(at, at + len) : undefined);
    const prefix = fromHead(0, HEADER_START) ?? (await artifact.source.read(0, HEADER_START, ctx.signal));
    const n = new DataView(prefix.buffer, prefix.byteOffset, prefix.byteLength).getBigUint64(0, true);
    const lenRegion = { byteOffset: 0, byteLength: HEADER_START };
    if (n > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) {
      yield fact("safetensors.problem", { code: "header-too-large", detail: `header length ${n} exceeds the ${MAX_SAFETENSORS_HEADER_BYTES}-byte bound the reference loader enforces` }, ref, lenRegion);
      return;
    }
    if (n > BigInt(size - HEADER_START)) {
      yield fact("safetensors.problem", { code: "header-beyond-file", detail: `header length ${n} runs past the end of the ${size}-byte file (truncated or forged)` }, ref, lenRegion);
      return;
    }
    const headerBytes = fromHead(HEADER_START, Number(n)) ?? (await artifact.source.read(HEADER_START, Number(n), ctx.signal));
    const { header, problems } = validateSafetensorsHeader(headerBytes, size);
    if (header) yield fact("safetensors.header", header, ref, { byteOffset: HEADER_START, byteLength: headerBytes.length });
    for (const p of problems) yield fact("safetensors.problem", p, ref, p.region);
    const trailing = problems.find((p) => p.code === "trailing-bytes");
    const at = trailing?.region?.byteOffset;
    if (at !== undefined && trailing?.region?.byteLength) {
      yield { child: { ref: { path: `(trailing bytes at ${at})`, parent: ref }, source: new SliceByteSource(artifact.source, at, trailing.region.byteLength), origin: "member" } };
    }
  },
};
