import { loadLists, loadRules } from "../../src/catalog/load-rules.js";
import { checks } from "../../src/checks/index.js";
import { inspectArtifact } from "../../src/engine/inspect-artifact.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { inspectors } from "../../src/inspectors/index.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import type { ArtifactRef } from "../../src/types/artifact.js";
import type { Fact, FactKind, FactOf } from "../../src/types/fact.js";
import type { Finding } from "../../src/types/finding.js";
import type { Format } from "../../src/types/format.js";
import type { InspectContext, Inspector } from "../../src/types/inspector.js";
import type { RepoFile } from "../../src/types/source.js";

const lists = loadLists();
const rules = loadRules();
const target = { kind: "local-dir" as const, input: "test" };

export interface Inspected {
  facts: Fact[];
  findings: Finding[];
}

/**
 * Runs the real engine (sniff, every inspector, child artifacts) on one in-memory artifact, then the
 * checks. `ref` may carry a `parent` to stand for an archive member (a `.keras` zip's config.json).
 */
export async function inspectBytes(bytes: Uint8Array, ref: ArtifactRef | string, opts: { declared?: Format; files?: RepoFile[]; inspectors?: readonly Inspector[] } = {}): Promise<Inspected> {
  const r = typeof ref === "string" ? { path: ref } : ref;
  const ctx: InspectContext = { target, files: opts.files ?? [], list: (n) => lists.get(n) };
  const facts: Fact[] = [];
  const artifact = { ref: r, source: new MemoryByteSource(bytes), origin: r.parent ? ("member" as const) : ("local" as const) };
  for await (const f of inspectArtifact(artifact, r.parent ? 1 : 0, opts.inspectors ?? inspectors, ctx, opts.declared)) facts.push(f);
  const { findings, failures } = runChecks({ checks, rules, facts, files: ctx.files, target, list: ctx.list });
  if (failures.length > 0) throw new Error(`checks failed: ${JSON.stringify(failures)}`);
  return { facts, findings };
}

export function factsOf<K extends FactKind>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f) => f.kind === kind) as unknown as FactOf<K>[];
}

/** Findings of one rule family (`MG-<FAMILY>-`), ignoring repo-level rules of other families. */
export function familyFindings(findings: readonly Finding[], family: string): Finding[] {
  return findings.filter((f) => f.ruleId.startsWith(`MG-${family}-`));
}

export { ruleFindings } from "../helpers/scan-files.js";

/** Deterministic PRNG (mulberry32) for the mutation sweeps. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded mutations of `bytes`: byte flips, u64-looking length overwrites and truncations. */
export function mutations(bytes: Uint8Array, count: number, seed: number, focus = bytes.length): Uint8Array[] {
  const rand = prng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const m = bytes.slice();
    const kind = rand();
    const at = Math.floor(rand() * Math.min(focus, m.length));
    if (kind < 0.5) {
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) m[Math.floor(rand() * Math.min(focus, m.length))] = Math.floor(rand() * 256);
      out.push(m);
    } else if (kind < 0.8) {
      const big = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
      const small = [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
      (rand() < 0.5 ? big : small).forEach((b, k) => {
        if (at + k < m.length) m[at + k] = b;
      });
      out.push(m);
    } else {
      out.push(m.subarray(0, at));
    }
  }
  return out;
}
