import { LimitExceededError, ParseError } from "../../errors.js";
import { MemoryByteSource, SliceByteSource } from "../../io/byte-source.js";
import type { Artifact } from "../../types/artifact.js";
import type { Format } from "../../types/format.js";
import type { ChildArtifact, Inspector } from "../../types/inspector.js";
import { PickleCollector } from "./collector.js";
import "./facts.js";
import { python2Names } from "./python2-names.js";
import { cFileReadingDrops, ReadingByteSource, type DroppedRange } from "./c-file-reading.js";
import type { PickleSummaryFact } from "./facts.js";
import type { EmbeddedPayload } from "./walk-sink.js";
import { PickleWalker, type WalkOptions } from "./walker.js";

/** Formats whose bytes are pickle opcodes from the first byte (sniffed, or declared by a container). */
const PICKLE_FORMATS: ReadonlySet<Format> = new Set<Format>(["pickle", "pytorch-legacy", "joblib"]);

function payloadChild(parent: Artifact, p: EmbeddedPayload): ChildArtifact {
  const at = `0x${p.callOffset.toString(16)}`;
  const source = "bytes" in p ? new MemoryByteSource(p.bytes) : new SliceByteSource(parent.source, p.offset, p.length);
  // Not declared: the sniffer decides, so array bytes that merely start like a pickle are not forced through the walker.
  return { child: { ref: { path: `payload@${at}`, parent: parent.ref }, source, origin: "member" } };
}

/**
 * The same bytes as CPython's C unpickler reads them from a file object through its frame buffer,
 * walked by the same walker; what only this reading meets is collected (offsets in the file).
 */
async function cFileReading(artifact: Artifact, known: PickleCollector, opts: WalkOptions): Promise<{ skips: DroppedRange[]; collector: PickleCollector }> {
  const skips = await cFileReadingDrops(artifact.source, opts.signal ? { signal: opts.signal } : {});
  const view = new ReadingByteSource(artifact.source, skips);
  const collector = new PickleCollector({ reading: "c-unpickler-file", fileOffset: (n) => view.fileOffset(n), known });
  if (skips.length === 0) return { skips, collector };
  try {
    await new PickleWalker(view, collector, opts).walk();
  } catch (e) {
    // Its own parse errors are the linear reading's to report; what it met before them is kept.
    if (!(e instanceof ParseError) && !(e instanceof LimitExceededError)) throw e;
  }
  return { skips, collector };
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
    const opts = { python2Names: python2Names(ctx.list("pickle-python2-names")), ...(ctx.signal ? { signal: ctx.signal } : {}) };
    const walker = new PickleWalker(artifact.source, collector, opts);
    let failure: unknown;
    try {
      await walker.walk();
    } catch (e) {
      if (!(e instanceof ParseError) && !(e instanceof LimitExceededError)) throw e;
      failure = e;
    }
    // FRAMEs that disagree with the opcodes: the C unpickler reading a file meets other opcodes (cpython#154848).
    const second = walker.partial.frameViolations > 0 ? await cFileReading(artifact, collector, opts) : undefined;
    // Everything found before a failure is reported first: a pickle broken after its payload still ran the payload.
    for (const f of collector.facts(artifact.ref, walker.partial)) {
      if (f.kind === "pickle.summary" && second && second.skips.length > 0) (f.data as PickleSummaryFact).cFileReadingSkips = second.skips.slice(0, 16);
      yield f;
    }
    if (second) yield* second.collector.findings(artifact.ref);
    for (const p of [...collector.payloads, ...(second?.collector.payloads ?? [])]) {
      if (!("bytes" in p) && p.offset + p.length > artifact.source.size) continue;
      yield payloadChild(artifact, p);
    }
    if (failure) throw failure;
  },
};
