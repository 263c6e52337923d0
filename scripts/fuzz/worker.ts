import { parentPort, workerData } from "node:worker_threads";
import { loadLists, loadRules } from "../../src/catalog/load-rules.js";
import { checks } from "../../src/checks/index.js";
import { inspectArtifact } from "../../src/engine/inspect-artifact.js";
import { runChecks } from "../../src/engine/run-checks.js";
import { inspectors } from "../../src/inspectors/index.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { ScanInflationBudget } from "../../src/io/inflation-budget.js";
import type { Fact } from "../../src/types/fact.js";
import type { InspectContext } from "../../src/types/inspector.js";
import { inputAt, type Seed } from "./mutate.js";

export interface WorkerInput {
  seeds: Seed[];
  seed: number;
  from: number;
  to: number;
}

/** Messages to the main thread: `start` before each input (so a hang is pinned to it), `done` after. */
export type WorkerMessage =
  | { type: "start"; index: number; format: string; mutation: string }
  | { type: "done"; index: number; format: string; ms: number; rss: number; crash?: string; input?: Uint8Array; name?: string }
  | { type: "finished" };

const { seeds, seed, from, to } = workerData as WorkerInput;
const lists = loadLists();
const rules = loadRules();
const target = { kind: "local-dir" as const, input: "fuzz" };

/** What a crash is: an exception that escaped the engine, or one the engine caught that is not a ParseError or LimitExceededError. */
function crashOf(facts: readonly Fact[]): string | undefined {
  const failed = facts.find((f) => f.kind === "scan.inspector-failed");
  return failed?.kind === "scan.inspector-failed" ? `${failed.data.inspector}: ${failed.data.message}` : undefined;
}

async function run(): Promise<void> {
  for (let i = from; i < to; i++) {
    const { s, bytes, mutation } = inputAt(seeds, seed, i);
    parentPort!.postMessage({ type: "start", index: i, format: s.format, mutation } satisfies WorkerMessage);
    const t0 = performance.now();
    let crash: string | undefined;
    try {
      const ctx: InspectContext = { target, files: [], list: (n) => lists.get(n), scanInflation: new ScanInflationBudget() };
      const facts: Fact[] = [];
      for await (const f of inspectArtifact({ ref: { path: s.name }, source: new MemoryByteSource(bytes), origin: "local" }, 0, inspectors, ctx)) facts.push(f);
      const checked = runChecks({ checks, rules, facts, files: [], target, list: ctx.list });
      crash = crashOf(facts) ?? (checked.failures.length > 0 ? `check ${checked.failures[0]!.check}: ${checked.failures[0]!.message}` : undefined);
    } catch (e) {
      crash = `escaped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
    }
    const msg: WorkerMessage = { type: "done", index: i, format: s.format, ms: performance.now() - t0, rss: process.memoryUsage().rss };
    if (crash) Object.assign(msg, { crash, input: bytes, name: s.name });
    parentPort!.postMessage(msg);
  }
  parentPort!.postMessage({ type: "finished" } satisfies WorkerMessage);
}

if (parentPort) void run();
