import { LimitExceededError, ParseError, errorMessage } from "../errors.js";
import { MAX_NESTING_DEPTH, SNIFF_BYTES } from "../limits.js";
import { sniffArtifact } from "../inspectors/sniff.js";
import type { Artifact } from "../types/artifact.js";
import { fact, type Fact } from "../types/fact.js";
import type { Format } from "../types/format.js";
import type { InspectContext, Inspector, Probe } from "../types/inspector.js";

function baseName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

function failureFact(inspector: string, artifact: Artifact, e: unknown): Fact {
  if (e instanceof ParseError) {
    const at = e.offset !== undefined ? { byteOffset: e.offset } : undefined;
    return fact("scan.parse-error", { message: e.message, format: inspector }, artifact.ref, at);
  }
  if (e instanceof LimitExceededError) return fact("scan.limit-exceeded", { message: e.message, limit: e.limit }, artifact.ref);
  return fact("scan.inspector-failed", { inspector, message: errorMessage(e) }, artifact.ref);
}

/** One failure per artifact, whatever the number of inspectors that met it: several inspectors
 * share one cached zip opening, so a truncated zip rejects each of them with the same error. */
function failureKey(f: Fact): string {
  return `${f.kind}\0${"message" in f.data ? String(f.data.message) : ""}`;
}

/**
 * Sniffs one artifact, runs every inspector that accepts it, and recurses into the child artifacts
 * they yield. Inspector failures become facts: one bad file never stops the scan.
 */
export async function* inspectArtifact(
  artifact: Artifact,
  depth: number,
  inspectors: readonly Inspector[],
  ctx: InspectContext,
  declared?: Format,
): AsyncGenerator<Fact> {
  let head: Uint8Array;
  let format: Format;
  try {
    head = await artifact.source.read(0, Math.min(SNIFF_BYTES, artifact.source.size), ctx.signal);
    format = await sniffArtifact(artifact.source, head, ctx.signal);
  } catch (e) {
    yield fact("scan.unreadable", { message: errorMessage(e) }, artifact.ref);
    return;
  }
  const name = baseName(artifact.ref.path);
  yield fact("artifact.format", { format, size: artifact.source.size, name, depth }, artifact.ref);
  const probe: Probe = { ref: artifact.ref, name, size: artifact.source.size, head, format, depth };
  if (declared) probe.declared = declared;
  const failed = new Set<string>();
  const failure = (inspector: string, e: unknown): Fact[] => {
    const f = failureFact(inspector, artifact, e);
    const key = failureKey(f);
    if (failed.has(key)) return [];
    failed.add(key);
    return [f];
  };
  for (const inspector of inspectors) {
    let accepted = false;
    try {
      accepted = inspector.accepts(probe);
    } catch (e) {
      yield* failure(inspector.name, e);
    }
    if (!accepted) continue;
    try {
      for await (const item of inspector.inspect(artifact, probe, ctx)) {
        if ("child" in item) {
          if (depth + 1 > MAX_NESTING_DEPTH) {
            yield fact(
              "scan.limit-exceeded",
              { message: `nesting deeper than ${MAX_NESTING_DEPTH} levels was not inspected`, limit: "MAX_NESTING_DEPTH" },
              item.child.ref,
            );
            continue;
          }
          yield* inspectArtifact(item.child, depth + 1, inspectors, ctx, item.declared);
        } else {
          yield item;
        }
      }
    } catch (e) {
      yield* failure(inspector.name, e);
    }
  }
}
