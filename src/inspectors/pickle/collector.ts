import { MAX_PICKLE_DISTINCT_CALLABLES, MAX_PICKLE_EMBEDDED_PAYLOADS } from "../../limits.js";
import type { ArtifactRef } from "../../types/artifact.js";
import { fact, type Fact } from "../../types/fact.js";
import type { PickleCallFact, PickleGlobalFact, PickleReading, PickleSummaryFact } from "./facts.js";
import { globalName, renderValue } from "./render.js";
import { PCall, PGlobal, globalsIn, type PValue } from "./values.js";
import type { WalkResult } from "./walk-result.js";
import type { CallTarget, EmbeddedPayload, WalkSink } from "./walk-sink.js";

const SAMPLES_PER_CALLABLE = 3;

/** A stable key for what is being called: the global, or for an object built by a call, the constructor chain. */
function calleeKey(v: PValue, depth = 0): string {
  if (v instanceof PGlobal) return globalName(v);
  if (v instanceof PCall) return depth > 4 ? "…(…)" : `${calleeKey(v.callee, depth + 1)}(…)`;
  if (v === null) return "None";
  if (typeof v === "object") return `<${v.constructor.name.replace(/^P/, "").toLowerCase()}>`;
  return `<${typeof v}>`;
}

function globalRef(g: PGlobal): PickleCallFact["globals"][number] {
  const r: PickleCallFact["globals"][number] = { module: g.module, name: g.name };
  if (g.unresolved !== undefined) r.unresolved = g.unresolved;
  if (g.extCode !== undefined) r.extCode = g.extCode;
  return r;
}

/**
 * Aggregates what the walker reports into a bounded set of facts: one per distinct global and one
 * per distinct callable, each with a count and the first occurrences.
 */
export class PickleCollector implements WalkSink {
  private readonly globals = new Map<string, PickleGlobalFact>();
  private readonly calls = new Map<string, PickleCallFact>();
  readonly payloads: (EmbeddedPayload & { stream: number })[] = [];
  private uncounted = 0;

  /**
   * Without options: the linear reading. With `reading`: a second reading of the same bytes through
   * a `ReadingByteSource`; offsets are mapped back to the file and only what `known` (the linear
   * reading's collector) did not meet is kept.
   */
  constructor(private readonly second?: { reading: PickleReading; fileOffset: (n: number) => number; known: PickleCollector }) {}

  private at(n: number): number {
    return this.second ? this.second.fileOffset(n) : n;
  }

  onGlobal(g: PGlobal, stream: number): void {
    const key = `${g.module}\0${g.name}\0${g.extCode ?? ""}\0${g.unresolved ?? ""}`;
    if (this.second?.known.globals.has(key)) return;
    const known = this.globals.get(key);
    if (known) {
      known.count++;
      return;
    }
    if (this.globals.size >= MAX_PICKLE_DISTINCT_CALLABLES) {
      this.uncounted++;
      return;
    }
    const f: PickleGlobalFact = { module: g.module, name: g.name, via: g.via, offset: this.at(g.offset), count: 1, stream };
    if (this.second) f.reading = this.second.reading;
    if (g.length > 0) f.length = g.length;
    if (g.unresolved !== undefined) f.unresolved = g.unresolved;
    if (g.extCode !== undefined) f.extCode = g.extCode;
    if (g.written !== undefined) f.written = g.written;
    this.globals.set(key, f);
  }

  onCall(c: PCall, stream: number, target: CallTarget): void {
    const callee = calleeKey(c.callee);
    const key = `${c.opcode}\0${target}\0${callee}`;
    if (this.second?.known.calls.has(key)) return;
    const known = this.calls.get(key);
    if (known) {
      known.count++;
      if (known.samples.length < SAMPLES_PER_CALLABLE) known.samples.push({ offset: this.at(c.offset), call: renderValue(c) });
      return;
    }
    if (this.calls.size >= MAX_PICKLE_DISTINCT_CALLABLES) {
      this.uncounted++;
      return;
    }
    const f: PickleCallFact = {
      opcode: c.opcode,
      callee,
      target,
      globals: globalsIn(c).map(globalRef),
      offset: this.at(c.offset),
      count: 1,
      stream,
      samples: [{ offset: this.at(c.offset), call: renderValue(c) }],
    };
    if (this.second) f.reading = this.second.reading;
    this.calls.set(key, f);
  }

  onPayload(p: EmbeddedPayload, stream: number): void {
    if (this.payloads.length >= MAX_PICKLE_EMBEDDED_PAYLOADS) return;
    this.payloads.push("offset" in p ? { ...p, offset: this.at(p.offset), callOffset: this.at(p.callOffset), stream } : { ...p, callOffset: this.at(p.callOffset), stream });
  }

  /** The import and call facts only (a second reading adds no summary of its own). */
  findings(ref: ArtifactRef): Fact[] {
    return this.facts(ref, { streams: [], layout: "pickle", memoOverflow: false, frameViolations: 0, joblibArrays: 0, bytesSkipped: 0 }).filter((f) => f.kind !== "pickle.summary");
  }

  /** Every fact for the artifact, in a deterministic order. */
  facts(ref: ArtifactRef, result: WalkResult): Fact[] {
    const out: Fact[] = [];
    const byOffset = <T extends { offset: number }>(a: T, b: T): number => a.offset - b.offset;
    for (const g of [...this.globals.values()].sort(byOffset)) out.push(fact("pickle.global", g, ref, g.length !== undefined ? { byteOffset: g.offset, byteLength: g.length } : { byteOffset: g.offset }));
    for (const c of [...this.calls.values()].sort(byOffset)) out.push(fact("pickle.call", c, ref, { byteOffset: c.offset, byteLength: 1 }));
    const summary: PickleSummaryFact = {
      layout: result.layout,
      pickles: result.streams.length,
      protocol: Math.max(0, ...result.streams.map((s) => s.protocol)),
      opcodes: result.streams.reduce((n, s) => n + s.opcodes, 0),
      distinctGlobals: this.globals.size,
      distinctCallables: this.calls.size,
      uncountedCallables: this.uncounted,
      memoOverflow: result.memoOverflow,
      frameViolations: result.frameViolations,
      joblibArrays: result.joblibArrays,
      bytesSkipped: result.bytesSkipped,
      streams: result.streams.slice(0, 16),
    };
    if (result.rawStorageOffset !== undefined) summary.rawStorageOffset = result.rawStorageOffset;
    if (result.trailing) summary.trailing = result.trailing;
    const bad = result.streams.find((s) => s.error && (!s.trailing || s.globals > 0 || s.calls > 0));
    if (bad?.error) summary.error = { ...bad.error, stream: bad.index, callsBefore: bad.calls, globalsBefore: bad.globals };
    out.push(fact("pickle.summary", summary, ref));
    return out;
  }
}
