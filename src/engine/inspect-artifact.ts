import { LimitExceededError, ParseError, errorMessage } from "../errors.js";
import { MAX_NESTING_DEPTH, SNIFF_BYTES } from "../limits.js";
import { ARCHIVE_FAMILY } from "../inspectors/archive/member-kind.js";
import { sniffArtifact } from "../inspectors/sniff.js";
import { ScanInflationBudget } from "../io/inflation-budget.js";
import { refToString, type Artifact } from "../types/artifact.js";
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
  // Each top-level file gets its own decompression budget, drawn from the scan's (nested bombs, CWE-409).
  const ownBudget = !ctx.inflation;
  if (!ctx.inflation) ctx = { ...ctx, inflation: (ctx.scanInflation ?? new ScanInflationBudget()).forFile() };
  try {
    yield* inspectWithin(artifact, depth, inspectors, ctx, head, format, name, declared);
  } finally {
    if (ownBudget) ctx.inflation!.done();
  }
}

async function* inspectWithin(
  artifact: Artifact,
  depth: number,
  inspectors: readonly Inspector[],
  ctx: InspectContext,
  head: Uint8Array,
  format: Format,
  name: string,
  declared: Format | undefined,
): AsyncGenerator<Fact> {
  if (depth > 0 && ARCHIVE_FAMILY.has(format)) {
    try {
      ctx.inflation!.openNested(refToString(artifact.ref));
    } catch (e) {
      yield failureFact("engine", artifact, e);
      return;
    }
  }
  const probe: Probe = { ref: artifact.ref, name, size: artifact.source.size, head, format, depth };
  if (declared) probe.declared = declared;
  let tooDeep = 0;
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
            item.release?.();
            // One line per container, not one per member: a deep bomb would flood the report.
            if (tooDeep++ === 0) {
              yield fact(
                "scan.limit-exceeded",
                { message: `members nested deeper than ${MAX_NESTING_DEPTH} levels were not inspected`, limit: "MAX_NESTING_DEPTH" },
                artifact.ref,
              );
            }
            continue;
          }
          try {
            yield* inspectArtifact(item.child, depth + 1, inspectors, ctx, item.declared);
          } finally {
            item.release?.();
          }
        } else {
          yield item;
        }
      }
    } catch (e) {
      yield* failure(inspector.name, e);
    }
  }
}
