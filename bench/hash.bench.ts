import { availableParallelism } from "node:os";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { builtCli, compare, defineBench, formatBytes, throughputRatio, timeProcess, writePseudoRandomFile, type BenchResult, type TimedRun } from "./harness.js";

/**
 * Integrity hashing against `openssl dgst -sha256` on the same bytes, whole processes timed
 * (start-up, rule loading and the report included), files already in the page cache for both.
 * Sizes can be lowered for a quick look: BENCH_HASH_MIB (default 1024).
 */

const MIB = 1024 * 1024;
const SIZE = Number.parseInt(process.env["BENCH_HASH_MIB"] ?? "1024", 10) * MIB;
const PARALLEL_FILES = 4;
const REFERENCE = "openssl dgst -sha256";

function details(reference: TimedRun, subject: TimedRun, bytes: number): Record<string, string> {
  const out: Record<string, string> = {
    modelgate: `${subject.seconds.toFixed(2)} s (${(bytes / subject.seconds / 1e9).toFixed(2)} GB/s)`,
    openssl: `${reference.seconds.toFixed(2)} s (${(bytes / reference.seconds / 1e9).toFixed(2)} GB/s)`,
  };
  if (subject.maxRssBytes !== undefined) out["modelgate peak RSS"] = formatBytes(subject.maxRssBytes);
  return out;
}

async function scanJson(cli: string, target: string): Promise<TimedRun> {
  const run = await timeProcess(process.execPath, [cli, "scan", target, "--format", "json", "--allow-incomplete"], { keepStdout: true, env: { ...process.env, NO_COLOR: "1" } });
  if (run.exitCode !== 0) throw new Error(`modelgate scan ${target} exited with ${run.exitCode}`);
  return run;
}

/** The scan must really have hashed: its report carries the SHA-256 openssl printed. */
function assertSameHashes(openssl: TimedRun, scan: TimedRun): void {
  const expected = [...openssl.stdout.matchAll(/= ([0-9a-f]{64})$/gm)].map((m) => m[1]);
  const report = JSON.parse(scan.stdout) as { files: { sha256?: string }[] };
  const got = new Set(report.files.map((f) => f.sha256));
  for (const h of expected) if (!got.has(h)) throw new Error(`the scan report lacks SHA-256 ${h ?? ""}`);
}

export default defineBench({
  name: "hash",
  description: `SHA-256 of local files: modelgate scan (whole process) vs ${REFERENCE}`,
  async run(ctx) {
    const cli = builtCli(ctx.log);
    const dir = ctx.tempDir();
    const results: BenchResult[] = [];

    const one = join(dir, "one.bin");
    ctx.log(`writing a ${formatBytes(SIZE)} file`);
    writePseudoRandomFile(one, SIZE);
    const single = await compare(
      ctx.repeats,
      () => timeProcess("openssl", ["dgst", "-sha256", one], { keepStdout: true }),
      () => scanJson(cli, one),
    );
    assertSameHashes(single.reference, single.subject);
    results.push({ case: `one ${formatBytes(SIZE)} file`, ratio: throughputRatio(single.reference, single.subject), target: 0.9, reference: REFERENCE, details: details(single.reference, single.subject, SIZE) });

    // Several files: openssl hashes them one after the other, modelgate on its worker pool.
    const many = join(dir, "many");
    mkdirSync(many);
    const each = Math.floor(SIZE / PARALLEL_FILES);
    const paths = Array.from({ length: PARALLEL_FILES }, (_, i) => join(many, `shard-${i}.bin`));
    ctx.log(`writing ${PARALLEL_FILES} files of ${formatBytes(each)}`);
    for (const p of paths) writePseudoRandomFile(p, each);
    const parallel = await compare(
      ctx.repeats,
      () => timeProcess("openssl", ["dgst", "-sha256", ...paths], { keepStdout: true }),
      () => scanJson(cli, many),
    );
    assertSameHashes(parallel.reference, parallel.subject);
    const cores = availableParallelism();
    results.push({
      case: `${PARALLEL_FILES} files x ${formatBytes(each)} on ${cores} core(s)`,
      ratio: throughputRatio(parallel.reference, parallel.subject),
      // With more than one core the pool should beat a serial openssl outright.
      target: cores > 1 ? 1.0 : 0.9,
      reference: `${REFERENCE} (serial)`,
      details: details(parallel.reference, parallel.subject, each * PARALLEL_FILES),
    });
    return results;
  },
});
