import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root (the folder holding package.json). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** A bound on a figure other than the ratio (seconds over bare node, ms per file, peak RSS). */
export interface Limit {
  /** What is bounded, e.g. "over bare node". */
  name: string;
  value: number;
  /** The figure must stay at or below this (e.g. 0.08 s)… */
  max?: number;
  /** …or at or above this. */
  min?: number;
  /** Unit printed after value and bound ("s", "ms/file", "MB"). */
  unit: string;
  /** Decimals printed (default 2). */
  digits?: number;
}

/** One measured comparison: modelgate against a reference measured in the same run. */
export interface BenchResult {
  /** Short name of the case, e.g. "1 GiB file". */
  case: string;
  /** Throughput of modelgate divided by the reference's (higher is better; 1 = as fast), from the medians. */
  ratio: number;
  /** The lowest acceptable ratio, when the case has one. */
  target?: number;
  /** Other targets of the case; each must hold for the case to be "ok". */
  limits?: Limit[];
  /** The ratio of each alternating reference/subject pair, to show the spread behind the median. */
  pairRatios?: number[];
  /** What the ratio is against, e.g. "openssl dgst -sha256". */
  reference: string;
  /** Other measurements to print beside the ratio (seconds, peak RSS, bytes). */
  details?: Record<string, string | number>;
}

/** Runs per side behind every median: the issue asks for medians of at least 3. */
export const MIN_RUNS = 3;

export interface BenchContext {
  /** A fresh temp folder, removed when the bench finishes (also on failure). */
  tempDir(): string;
  /** Timed runs per side (the median is kept); `--repeat N`, default and minimum 3. */
  repeats: number;
  /** Progress line on stderr. */
  log(message: string): void;
}

export interface Bench {
  /** Unique name, used by `--only`. */
  name: string;
  description: string;
  /** One result, or several cases measured by the same bench. */
  run(ctx: BenchContext): Promise<BenchResult | BenchResult[]>;
}

/** Declares a benchmark; a `bench/<name>.bench.ts` file default-exports the result. */
export function defineBench(bench: Bench): Bench {
  return bench;
}

export interface TimedRun {
  seconds: number;
  /** Peak resident memory of the child, when /usr/bin/time is available. */
  maxRssBytes?: number;
  exitCode: number;
  stdout: string;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Runs a command once and measures its wall time from spawn to exit (the whole process, start-up
 * included). Peak RSS comes from GNU time when installed; stdout is kept only if asked for.
 */
export async function timeProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; keepStdout?: boolean } = {}): Promise<TimedRun> {
  const useTime = existsSync(GNU_TIME);
  const rssFile = useTime ? join(mkdtempSync(join(tmpdir(), "modelgate-bench-rss-")), "rss") : undefined;
  const [cmd, argv] = rssFile ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ["ignore", "pipe", "inherit"] });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => {
    if (options.keepStdout) chunks.push(c);
  });
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code ?? -1));
  });
  const seconds = (performance.now() - started) / 1000;
  const run: TimedRun = { seconds, exitCode, stdout: Buffer.concat(chunks).toString("utf8") };
  if (rssFile) {
    const kb = Number.parseInt(readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "", 10);
    if (Number.isFinite(kb)) run.maxRssBytes = kb * 1024;
    rmSync(dirname(rssFile), { recursive: true, force: true });
  }
  return run;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One run standing for several: median wall time and median peak RSS (of the runs that have
 * one); exit code and stdout of the last run (they do not vary between runs of one command).
 */
export function medianRun(runs: readonly TimedRun[]): TimedRun {
  const last = runs[runs.length - 1];
  if (!last) throw new Error("no run");
  const rss = runs.flatMap((r) => (r.maxRssBytes === undefined ? [] : [r.maxRssBytes]));
  return { seconds: median(runs.map((r) => r.seconds)), exitCode: last.exitCode, stdout: last.stdout, ...(rss.length > 0 ? { maxRssBytes: median(rss) } : {}) };
}

export interface Comparison {
  /** Median reference run. */
  reference: TimedRun;
  /** Median subject run. */
  subject: TimedRun;
  /** Every run, in order, for the spread. */
  runs: { reference: TimedRun[]; subject: TimedRun[] };
  /** reference/subject time of each pair (throughput ratio per pair). */
  pairRatios: number[];
}

/**
 * Times a subject and its reference at least MIN_RUNS times each, alternating (reference, subject,
 * reference, …) so both see the same machine state, and keeps the medians: on a shared machine a
 * best-of-N flatters whichever side got a quiet moment, a median does not.
 */
export async function compare(repeats: number, reference: () => Promise<TimedRun>, subject: () => Promise<TimedRun>): Promise<Comparison> {
  const runs: Comparison["runs"] = { reference: [], subject: [] };
  for (let i = 0; i < Math.max(MIN_RUNS, repeats); i++) {
    const r = await reference();
    if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`reference exited with ${r.exitCode}`);
    const s = await subject();
    runs.reference.push(r);
    runs.subject.push(s);
  }
  return {
    reference: medianRun(runs.reference),
    subject: medianRun(runs.subject),
    runs,
    pairRatios: runs.reference.map((r, i) => r.seconds / runs.subject[i]!.seconds),
  };
}

/** "1.23 s (1.20–1.31)": median wall time and the range of the runs behind it. */
export function secondsSpread(runs: readonly TimedRun[], digits = 2): string {
  const s = runs.map((r) => r.seconds);
  return `${median(s).toFixed(digits)} s (${Math.min(...s).toFixed(digits)}–${Math.max(...s).toFixed(digits)})`;
}

/**
 * Writes `size` bytes that do not compress or repeat within a chunk, quickly: one random 8 MiB
 * block, with its first 8 bytes changed per block so no two blocks are equal. A `prefix` (a
 * file header) comes first and counts towards `size`.
 */
export function writePseudoRandomFile(path: string, size: number, prefix?: Uint8Array): void {
  const block = randomBytes(8 * 1024 * 1024);
  const fd = openSync(path, "w");
  try {
    let start = 0;
    if (prefix) start = writeSync(fd, prefix, 0, Math.min(prefix.byteLength, size));
    for (let written = start, n = 0; written < size; n++) {
      block.writeBigUInt64LE(BigInt(n), 0);
      const len = Math.min(block.byteLength, size - written);
      writeSync(fd, block, 0, len);
      written += len;
    }
  } finally {
    closeSync(fd);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** The built CLI, rebuilt first when any source file is newer than it. */
export function builtCli(log: (m: string) => void): string {
  const main = join(ROOT, "dist", "cli", "main.js");
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (built < Math.max(newestMtime(join(ROOT, "src")), newestMtime(join(ROOT, "cli")))) {
    log("dist/ is older than the sources: npm run build");
    const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    // tsc still emits when another file fails to typecheck; go on if the CLI was written.
    if (r.status !== 0 && (!existsSync(main) || statSync(main).mtimeMs <= built)) throw new Error("npm run build failed");
    if (r.status !== 0) log("build reported type errors; measuring the emitted JavaScript anyway");
  }
  return main;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** Throughput ratio of subject against reference for the same work: reference time / subject time. */
export function throughputRatio(reference: TimedRun, subject: TimedRun): number {
  return reference.seconds / subject.seconds;
}
