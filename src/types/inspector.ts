import type { InflationBudget, ScanInflationBudget } from "../io/inflation-budget.js";
import type { Artifact, ArtifactRef } from "./artifact.js";
import type { Fact } from "./fact.js";
import type { Format } from "./format.js";
import type { RepoFile, ScanTarget } from "./source.js";
import type { HubApi } from "./hub-api.js";
import type { SigningParams } from "../signing/signing-params.js";

/** What an inspector sees before it decides to read an artifact. */
export interface Probe {
  ref: ArtifactRef;
  /** Base name of the artifact's path. */
  name: string;
  size: number;
  /** The first SNIFF_BYTES bytes (fewer for small files). */
  head: Uint8Array;
  /** Format decided from the bytes by the sniffer. */
  format: Format;
  /** Nesting depth: 0 for repo files, 1 for their archive members, ... */
  depth: number;
  /** What the containing artifact says this member is (a torch zip's `data.pkl` is a pickle). */
  declared?: Format;
}

export interface InspectContext {
  target: ScanTarget;
  /** Every file of the repo, for cross-file questions (does `modeling_x.py` exist?). */
  files: readonly RepoFile[];
  /** Hub access for inspectors that follow references (base models, datasets); absent offline. */
  hub?: HubApi;
  signal?: AbortSignal;
  /** Rule data lists from `rules/_lists`, extended by the policy. */
  list(name: string): unknown;
  /** Decompression work left for the file being inspected and for the scan (set by the engine per top-level file). */
  inflation?: InflationBudget;
  /** The scan-wide budget the engine takes each file's budget from (absent: a fresh one per file). */
  scanInflation?: ScanInflationBudget;
  /** How to verify a model signature (key, identity, a bundle from outside the repo, whether one is required). */
  signing?: SigningParams;
}

/** A child artifact yielded by an inspector (archive member, embedded pickle): sniffed and inspected in turn. */
export interface ChildArtifact {
  child: Artifact;
  /** The format the container declares for the child; inspectors may trust it over sniffing. */
  declared?: Format;
  /** Called once the child and everything inside it were inspected (gives decompressed memory back). */
  release?: () => void;
}

/**
 * Reads one kind of artifact and yields plain facts. Never decides severity. Throws ParseError or
 * LimitExceededError for bad input; the engine turns those into findings and carries on.
 */
export interface Inspector {
  name: string;
  accepts(probe: Probe): boolean;
  inspect(artifact: Artifact, probe: Probe, ctx: InspectContext): AsyncIterable<Fact | ChildArtifact>;
}

/** Runs once per scan after every artifact was inspected (cross-file facts: lineage, remote-code references). */
export interface RepoInspector {
  name: string;
  inspectRepo(facts: readonly Fact[], ctx: InspectContext): AsyncIterable<Fact>;
}
