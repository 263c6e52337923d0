import { LimitExceededError, ParseError, errorMessage } from "../../errors.js";
import { isSupportedMethod, methodName, type ZipArchive, type ZipEntry } from "../../io/zip.js";
import { openZipCached } from "../../io/zip-cache.js";
import { MAX_NESTING_DEPTH, MAX_TEXT_FILE_BYTES, MEMBER_PROBE_BYTES } from "../../limits.js";
import type { Artifact } from "../../types/artifact.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Format } from "../../types/format.js";
import type { ChildArtifact, InspectContext } from "../../types/inspector.js";
import { ARCHIVE_FAMILY, MEMBER_SNIFF_BYTES, PICKLE_FAMILY, memberFormat, memberMayBePickle } from "./member-kind.js";
import { memberArtifact } from "./member-ref.js";
import "./facts.js";

/** Names kept in the listing fact (the count is always exact): report flooding, CWE-400. */
const MAX_LISTED_NAMES = 1000;

/** What a container-specific walker decides for one member after its first bytes were sniffed. */
export interface MemberDecision {
  /** Hand the member on for inspection, with this declared format (undefined: let the sniffer decide). */
  yield: boolean;
  declared?: Format;
  /** Extra facts about the member (torch: unexpected pickle). */
  facts?: Fact[];
}

export interface ZipWalkPolicy {
  /** Members whose bytes are only probed with MEMBER_PROBE_BYTES and strict pickle sniffing (tensor storages). */
  isBulkData(entry: ZipEntry): boolean;
  decide(entry: ZipEntry, sniffed: Format): MemberDecision;
}

/** Default member policy for plain zips and .npz: inspect anything recognisable, skip opaque data. */
export const genericPolicy = (container: Format): ZipWalkPolicy => ({
  isBulkData: () => false,
  decide(entry, sniffed) {
    if (container === "numpy-npz" && entry.name.endsWith(".npy")) return { yield: true, declared: "numpy" };
    if (sniffed === "unknown") return { yield: false };
    if ((sniffed === "text" || sniffed === "json") && entry.uncompressedSize > MAX_TEXT_FILE_BYTES) return { yield: false };
    if (container === "keras" && !PICKLE_FAMILY.has(sniffed) && !ARCHIVE_FAMILY.has(sniffed)) return { yield: false };
    return { yield: true };
  },
});

function unscannable(container: Format, e: ZipEntry, artifact: Artifact): Fact | undefined {
  if (e.encrypted) return fact("archive.unscannable", { container, reason: "encrypted", detail: "member is encrypted", entry: e.name }, artifact.ref);
  if (!isSupportedMethod(e.method)) {
    return fact("archive.unscannable", { container, reason: "unsupported-compression", detail: `member uses ${methodName(e.method)} compression`, entry: e.name }, artifact.ref);
  }
  return undefined;
}

function memberFailure(artifact: Artifact, name: string, e: unknown): Fact {
  const ref = { path: name, parent: artifact.ref };
  if (e instanceof LimitExceededError) return fact("scan.limit-exceeded", { message: e.message, limit: e.limit }, ref);
  const at = e instanceof ParseError && e.offset !== undefined ? { byteOffset: e.offset } : undefined;
  return fact("scan.parse-error", { message: errorMessage(e), format: "zip" }, ref, at);
}

/** One fact for all the archive members a container could not open because the file's nesting budget was spent. */
export function nestedRefusedFact(artifact: Artifact, count: number, ctx: InspectContext): Fact {
  const max = ctx.inflation?.maxNested ?? 0;
  return fact("scan.limit-exceeded", { message: `${count} nested archive member(s) were not opened: more than ${max} archives nested in one file (nested-archive bomb)`, limit: "MAX_NESTED_ARCHIVES_PER_FILE" }, artifact.ref);
}

/** One fact for the members of a container that sits at the deepest nesting level inspected. */
export function tooDeepFact(artifact: Artifact, count: number): Fact {
  return fact("scan.limit-exceeded", { message: `${count} member(s) nested deeper than ${MAX_NESTING_DEPTH} levels were not inspected`, limit: "MAX_NESTING_DEPTH" }, artifact.ref);
}

function anomalyFacts(zip: ZipArchive, container: Format, artifact: Artifact): Fact[] {
  return zip.anomalies
    .filter((a) => a.kind !== "encrypted-entry" && a.kind !== "unsupported-compression")
    .map((a) => fact("archive.anomaly", { container, kind: a.kind, message: a.message, ...(a.entry !== undefined ? { entry: a.entry } : {}) }, artifact.ref, a.offset !== undefined ? { byteOffset: a.offset } : undefined));
}

/**
 * Walks a zip from its central directory: every member's first bytes are read (one small request
 * each, local header included) to decide what it is whatever its name; only the members the policy
 * selects are handed on, so tensor payloads are never decompressed or read in full. Anomalies (from
 * the directory and from each local header) come out as `archive.anomaly` facts at the end.
 */
export async function* walkZip(artifact: Artifact, container: Format, policy: ZipWalkPolicy, ctx: InspectContext, depth = 0): AsyncGenerator<Fact | ChildArtifact, ZipArchive> {
  const zip = await openZipCached(artifact.source, ctx.signal);
  const inspected: string[] = [];
  let skipped = 0;
  let nestedRefused = 0;
  let tooDeep = 0;
  for (const entry of zip.entries) {
    if (entry.isDirectory) continue;
    const blocked = unscannable(container, entry, artifact);
    if (blocked) {
      yield blocked;
      continue;
    }
    let sniffed: Format;
    let unsettled = false;
    try {
      const bulk = policy.isBulkData(entry);
      const head = await zip.readHead(entry, bulk ? MEMBER_PROBE_BYTES : MEMBER_SNIFF_BYTES);
      sniffed = memberFormat(head, entry.uncompressedSize, bulk);
      unsettled = memberMayBePickle(head, entry.uncompressedSize, bulk);
    } catch (e) {
      yield memberFailure(artifact, entry.name, e);
      continue;
    }
    // Unsettled by the probe: handed on undeclared, the engine's sniffer reads on and decides.
    const decision: MemberDecision = unsettled ? { yield: true } : policy.decide(entry, sniffed);
    for (const f of decision.facts ?? []) yield f;
    if (!decision.yield) {
      skipped++;
      continue;
    }
    if (ARCHIVE_FAMILY.has(sniffed)) {
      yield fact("archive.nested", { container, entry: entry.name, format: sniffed }, artifact.ref);
      // Past the file's nested-archive budget, do not even inflate the member (nesting-work bomb).
      if (ctx.inflation && ctx.inflation.nestedLeft <= 0) {
        nestedRefused++;
        continue;
      }
    }
    // The engine would refuse the member for its depth: do not inflate it first (deep-nesting work bomb).
    if (depth + 1 > MAX_NESTING_DEPTH) {
      tooDeep++;
      continue;
    }
    try {
      const { source, release } = await zip.entryContent(entry, undefined, ctx.inflation);
      if (inspected.length < MAX_LISTED_NAMES) inspected.push(entry.name);
      const child: ChildArtifact = { child: memberArtifact(artifact.ref, entry.name, source), release };
      if (decision.declared) child.declared = decision.declared;
      yield child;
    } catch (e) {
      yield memberFailure(artifact, entry.name, e);
    }
  }
  yield fact("archive.listing", { container, members: zip.entries.length, inspected, skipped }, artifact.ref);
  if (nestedRefused > 0) yield nestedRefusedFact(artifact, nestedRefused, ctx);
  if (tooDeep > 0) yield tooDeepFact(artifact, tooDeep);
  for (const f of anomalyFacts(zip, container, artifact)) yield f;
  return zip;
}
