import { LimitExceededError, ParseError } from "../../errors.js";
import { MemoryByteSource, SliceByteSource } from "../../io/byte-source.js";
import type { Artifact } from "../../types/artifact.js";
import type { Format } from "../../types/format.js";
import type { ChildArtifact, Inspector } from "../../types/inspector.js";
import { PickleCollector } from "./collector.js";
import "./facts.js";
import { python2Names } from "./python2-names.js";
import { PickleWalker, type EmbeddedPayload } from "./walker.js";

/** Formats whose bytes are pickle opcodes from the first byte (sniffed, or declared by a container). */
const PICKLE_FORMATS: ReadonlySet<Format> = new Set<Format>(["pickle", "pytorch-legacy", "joblib"]);

function payloadChild(parent: Artifact, p: EmbeddedPayload): ChildArtifact {
  const at = `0x${p.callOffset.toString(16)}`;
  const source = "bytes" in p ? new MemoryByteSource(p.bytes) : new SliceByteSource(parent.source, p.offset, p.length);
  // Not declared: the sniffer decides, so array bytes that merely start like a pickle are not forced through the walker.
  return { child: { ref: { path: `payload@${at}`, parent: parent.ref }, source, origin: "member" } };
}

/**
 * Walks every pickle stream of an artifact (raw pickles, PyTorch legacy files, uncompressed joblib
 * dumps, pickle members of containers) and reports imports, calls and the stream layout as facts.
 * Payload bytes handed to calls that look like pickles are yielded back for scanning (B22).
 */
export const pickleInspector: Inspector = {
  name: "pickle",
  accepts(probe) {
    return PICKLE_FORMATS.has(probe.format) || (probe.declared !== undefined && PICKLE_FORMATS.has(probe.declared));
  },
  async *inspect(artifact, _probe, ctx) {
    const collector = new PickleCollector();
    const python2 = python2Names(ctx.list("pickle-python2-names"));
    const walker = new PickleWalker(artifact.source, collector, { python2Names: python2, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    let failure: unknown;
    try {
      await walker.walk();
    } catch (e) {
      if (!(e instanceof ParseError) && !(e instanceof LimitExceededError)) throw e;
      failure = e;
    }
    // Everything found before a failure is reported first: a pickle broken after its payload still ran the payload.
    yield* collector.facts(artifact.ref, walker.partial);
    for (const p of collector.payloads) {
      if (!("bytes" in p) && p.offset + p.length > artifact.source.size) continue;
      yield payloadChild(artifact, p);
    }
    if (failure) throw failure;
  },
};
