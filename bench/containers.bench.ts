import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { loadLists } from "../src/catalog/load-rules.js";
import { inspectArtifact } from "../src/engine/inspect-artifact.js";
import { inspectors } from "../src/inspectors/index.js";
import { FileByteSource } from "../src/io/byte-source.js";
import { CountingSource } from "../test/builders/counting-source.js";
import type { Fact } from "../src/types/fact.js";
import type { InspectContext } from "../src/types/inspector.js";
import { compare, defineBench, formatBytes, secondsSpread, timeProcess, type BenchResult, type TimedRun } from "./harness.js";

/**
 * (c) PyTorch zip and legacy checkpoints of ≈200 MB written by python3-torch at bench time: the
 * container inspection (sniff, central directory, member probes, pickle walk) must read only the
 * pickle parts. Its bytes read / file size and time are reported beside `python3 -m zipfile -l`
 * (which also reads only the directory) and `cat` (reading the file once), measured in the same run.
 * (d) The same zip through a counting source standing for the ranged HTTP source of a
 * `--metadata-only` Hub scan: bytes and requests as a fraction of the file (target < 0.1%).
 * Inspection runs in this process (no integrity hashing, which reads everything by design); the
 * references are whole processes. BENCH_CONTAINERS_MIB lowers the size for a quick look (default 200).
 */

const SIZE_MIB = Number.parseInt(process.env["BENCH_CONTAINERS_MIB"] ?? "200", 10);

function writeCheckpoints(dir: string): { zip: string; legacy: string } {
  const zip = join(dir, "big-zip.pt");
  const legacy = join(dir, "big-legacy.pt");
  // Several large tensors (like real layers) plus small ones; float32, so SIZE_MIB/4 Mi elements in all.
  const script = `
import torch, sys
n = ${SIZE_MIB} * 1024 * 1024 // 4
sd = {f"layer{i}.weight": torch.rand(n // 8) for i in range(8)}
sd.update({f"layer{i}.bias": torch.rand(16) for i in range(8)})
torch.save(sd, sys.argv[1])
torch.save(sd, sys.argv[2], _use_new_zipfile_serialization=False)
`;
  const r = spawnSync("/usr/bin/python3", ["-c", script, zip, legacy], { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("python3 -c torch.save failed (python3-torch needed)");
  return { zip, legacy };
}

interface Inspection {
  seconds: number;
  bytes: number;
  requests: number;
  facts: Fact[];
}

async function inspectFile(path: string): Promise<Inspection> {
  const lists = loadLists();
  const ctx: InspectContext = { target: { kind: "local-file", input: path }, files: [], list: (n) => lists.get(n) };
  const file = new FileByteSource(path, statSync(path).size);
  const source = new CountingSource(file);
  const facts: Fact[] = [];
  const started = performance.now();
  for await (const f of inspectArtifact({ ref: { path: "model.pt" }, source, origin: "local" }, 0, inspectors, ctx)) facts.push(f);
  const seconds = (performance.now() - started) / 1000;
  await file.close();
  return { seconds, bytes: source.bytes, requests: source.reads, facts };
}

function asRun(seconds: number): TimedRun {
  return { seconds, exitCode: 0, stdout: "" };
}

function pct(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(4)} %`;
}

export default defineBench({
  name: "containers",
  description: "PyTorch zip/legacy checkpoints: bytes read and time of container inspection vs python3 -m zipfile -l and cat",
  async run(ctx) {
    const dir = ctx.tempDir();
    ctx.log(`writing ≈${SIZE_MIB} MiB torch.save checkpoints (zip and legacy) with python3-torch`);
    const { zip, legacy } = writeCheckpoints(dir);
    const results: BenchResult[] = [];

    for (const [label, path, reference, refArgs] of [
      ["zip", zip, "python3 -m zipfile -l", ["/usr/bin/python3", ["-m", "zipfile", "-l", zip]]],
      ["legacy", legacy, "cat (read once)", ["cat", [legacy]]],
    ] as const) {
      const size = statSync(path).size;
      let last: Inspection | undefined;
      const c = await compare(
        ctx.repeats,
        () => timeProcess(refArgs[0], refArgs[1] as readonly string[]),
        async () => {
          last = await inspectFile(path);
          return asRun(last.seconds);
        },
      );
      const inspected = last!;
      const members = inspected.facts.filter((f) => f.kind === "artifact.format" && f.artifact?.parent).length;
      results.push({
        case: `(c) ${label} checkpoint ${formatBytes(size)}: inspection time vs ${reference}`,
        ratio: c.reference.seconds / c.subject.seconds,
        pairRatios: c.pairRatios,
        reference,
        details: {
          "bytes read": `${formatBytes(inspected.bytes)} (${pct(inspected.bytes, size)} of the file)`,
          reads: inspected.requests,
          "members inspected": members,
          modelgate: secondsSpread(c.runs.subject, 3),
          [reference]: secondsSpread(c.runs.reference, 3),
        },
      });
      if (label === "zip") {
        // (d): the ratio is how far under the 0.1% budget the read volume stays (≥ 1 meets it).
        const fraction = inspected.bytes / size;
        results.push({
          case: `(d) metadata-only read of a ${formatBytes(size)} zip checkpoint (counting source = ranged HTTP)`,
          ratio: 0.001 / fraction,
          target: 1,
          reference: "0.1% of the file",
          details: { "bytes read": formatBytes(inspected.bytes), fraction: pct(inspected.bytes, size), "range requests": inspected.requests },
        });
      }
    }
    return results;
  },
});
