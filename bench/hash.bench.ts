import { availableParallelism } from "node:os";
import { builtCli, compare, defineBench, formatBytes, secondsSpread, timeProcess, type BenchResult, type Comparison, type TimedRun } from "./harness.js";
import { writeHfCacheSnapshot } from "./hf-cache-snapshot.js";

/**
 * Integrity hashing against `openssl dgst -sha256` on the same bytes, whole processes timed
 * (start-up, rule loading, inspection and the report included), files already in the page cache
 * for both. The scanned target is a Hugging Face cache snapshot, so the scan also verifies each
 * blob against the hash it is named after.
 * (1) one 1 GiB safetensors blob vs one openssl;
 * (2) four 256 MiB safetensors shards vs one openssl per core run at once (the hardware limit
 *     for several files on this machine).
 * Sizes can be lowered for a quick look: BENCH_HASH_MIB (default 1024).
 */

const MIB = 1024 * 1024;
const SIZE = Number.parseInt(process.env["BENCH_HASH_MIB"] ?? "1024", 10) * MIB;
const SHARDS = 4;
const REFERENCE = "openssl dgst -sha256";

function details(c: Comparison, bytes: number): Record<string, string> {
  const rate = (t: TimedRun): string => `${(bytes / t.seconds / 1e9).toFixed(2)} GB/s`;
  const out: Record<string, string> = {
    modelgate: `${secondsSpread(c.runs.subject)}, ${rate(c.subject)}`,
    openssl: `${secondsSpread(c.runs.reference)}, ${rate(c.reference)}`,
  };
  if (c.subject.maxRssBytes !== undefined) out["modelgate peak RSS"] = formatBytes(c.subject.maxRssBytes);
  return out;
}

async function scanJson(cli: string, target: string): Promise<TimedRun> {
  const run = await timeProcess(process.execPath, [cli, "scan", target, "--format", "json", "--allow-incomplete"], { keepStdout: true, env: { ...process.env, NO_COLOR: "1" } });
  if (run.exitCode !== 0) throw new Error(`modelgate scan ${target} exited with ${run.exitCode}`);
  return run;
}

/** The scan must really have hashed and verified: its report carries every SHA-256 openssl printed, each verified. */
function assertVerified(openssl: TimedRun, scan: TimedRun): void {
  const expected = [...openssl.stdout.matchAll(/= ([0-9a-f]{64})$/gm)].map((m) => m[1]);
  if (expected.length === 0) throw new Error("openssl printed no digest");
  const report = JSON.parse(scan.stdout) as { files: { sha256?: string; verification: string }[] };
  for (const h of expected) {
    const file = report.files.find((f) => f.sha256 === h);
    if (!file) throw new Error(`the scan report lacks SHA-256 ${h ?? ""}`);
    if (file.verification !== "verified") throw new Error(`the scan did not verify ${h ?? ""}: ${file.verification}`);
  }
}

/** One openssl process per core, the files dealt round-robin, all started at once; timed until the last exits. */
function parallelOpenssl(files: readonly string[], lanes: number): Promise<TimedRun> {
  const groups = Array.from({ length: lanes }, (_, i) => files.filter((_, j) => j % lanes === i)).filter((g) => g.length > 0);
  // "$@" split by the marker "--": sh starts one openssl per group in the background and waits for all.
  const script = 'set -e; pids=""; g=""; for a in "$@"; do if [ "$a" = "--" ]; then openssl dgst -sha256 $g & pids="$pids $!"; g=""; else g="$g $a"; fi; done; for p in $pids; do wait $p; done';
  const args = groups.flatMap((g) => [...g, "--"]);
  return timeProcess("sh", ["-c", script, "sh", ...args], { keepStdout: true });
}

export default defineBench({
  name: "hash",
  description: `SHA-256 verification of an HF cache snapshot: modelgate scan (whole process) vs ${REFERENCE}`,
  async run(ctx) {
    const cli = builtCli(ctx.log);
    const results: BenchResult[] = [];
    const config = { name: "config.json", text: '{"model_type":"llama","architectures":["LlamaForCausalLM"]}\n' };

    ctx.log(`writing an HF cache snapshot with a ${formatBytes(SIZE)} safetensors blob`);
    const one = writeHfCacheSnapshot(ctx.tempDir(), "bench/one-blob", [config, { name: "model.safetensors", safetensorsBytes: SIZE }]);
    const single = await compare(
      ctx.repeats,
      () => timeProcess("openssl", ["dgst", "-sha256", ...one.blobs], { keepStdout: true }),
      () => scanJson(cli, one.dir),
    );
    assertVerified(single.reference, single.subject);
    results.push({
      case: `HF cache snapshot, one ${formatBytes(SIZE)} safetensors blob`,
      ratio: single.reference.seconds / single.subject.seconds,
      target: 0.9,
      pairRatios: single.pairRatios,
      reference: REFERENCE,
      details: details(single, SIZE),
    });

    const cores = availableParallelism();
    const each = Math.floor(SIZE / SHARDS);
    ctx.log(`writing an HF cache snapshot with ${SHARDS} safetensors shards of ${formatBytes(each)}`);
    const shards = Array.from({ length: SHARDS }, (_, i) => ({ name: `model-0000${i + 1}-of-0000${SHARDS}.safetensors`, safetensorsBytes: each }));
    const many = writeHfCacheSnapshot(ctx.tempDir(), "bench/shards", [config, ...shards]);
    const parallel = await compare(
      ctx.repeats,
      () => parallelOpenssl(many.blobs, cores),
      () => scanJson(cli, many.dir),
    );
    assertVerified(parallel.reference, parallel.subject);
    results.push({
      case: `HF cache snapshot, ${SHARDS} shards of ${formatBytes(each)}, ${cores} core(s)`,
      ratio: parallel.reference.seconds / parallel.subject.seconds,
      target: 0.9,
      pairRatios: parallel.pairRatios,
      reference: `${Math.min(cores, SHARDS)} ${REFERENCE} processes at once`,
      details: details(parallel, each * SHARDS),
    });
    return results;
  },
});
