import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { sniffFormat } from "../src/inspectors/sniff.js";
import { inputAt, storedZip, type Seed } from "./fuzz/mutate.js";
import type { WorkerInput, WorkerMessage } from "./fuzz/worker.js";

/**
 * `npm run fuzz [-- --count N] [--seed S] [--limit-ms MS] [--workers W] [--out DIR]`: a seeded,
 * bounded mutation sweep over the fixtures of every format (bit flips, truncation, length fields
 * set to 0/max/negative, duplicated, reordered and deleted ranges, members duplicated and nested
 * in zips and gzip, spliced seeds), each mutant scanned in-process by the real engine and checks.
 * Prints inputs tried, crashes (an exception that is not a reported finding), hangs (over the
 * per-input limit: the worker is killed and the sweep goes on) and peak RSS per format. Every
 * failing input is written to --out (default fuzz-failures/) to become a regression fixture.
 * Exit 1 when anything crashed or hung. Not part of `npm test`.
 */

const ROOT = join(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    "limit-ms": { type: "string", default: "10000" },
    workers: { type: "string", default: "1" },
    out: { type: "string", default: join(ROOT, "fuzz-failures") },
    "max-seed-bytes": { type: "string", default: String(256 * 1024) },
  },
});
const count = Number(args.count);
const sweepSeed = Number(args.seed);
const limitMs = Number(args["limit-ms"]);
const workers = Math.max(1, Number(args.workers));
const maxSeedBytes = Number(args["max-seed-bytes"]);

/** Code, docs and prose are not what the binary parsers read; JSON configs are kept. */
const SKIPPED_FORMATS = new Set(["text"]);

function seedsFromFixtures(): Seed[] {
  const out: Seed[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size > 0 && st.size <= maxSeedBytes) {
        const bytes = new Uint8Array(readFileSync(p));
        const format = sniffFormat(bytes.subarray(0, 4096), bytes.length);
        if (!SKIPPED_FORMATS.has(format)) out.push({ format, name: basename(p), bytes });
      }
    }
  };
  walk(join(ROOT, "fixtures"));
  return out;
}

/** Bombs built here (nested, overlapping through duplicated members, gzip of zeros): mutated like the rest, they keep the memory bounds honest. */
function bombSeeds(): Seed[] {
  const zeros = gzipSync(new Uint8Array(16 * 1024 * 1024));
  let nested = storedZip([{ name: "a.gz", data: zeros }, { name: "b.gz", data: zeros }]);
  for (let i = 0; i < 3; i++) nested = storedZip([{ name: `l${i}a.zip`, data: nested }, { name: `l${i}b.zip`, data: nested }]);
  return [
    { format: "bomb-gzip", name: "model.pt", bytes: zeros },
    { format: "bomb-nested-zip", name: "bundle.zip", bytes: nested },
  ];
}

interface Stats {
  tried: number;
  crashes: number;
  hangs: number;
  peakRss: number;
  maxMs: number;
  totalMs: number;
}

const seeds = [...seedsFromFixtures(), ...bombSeeds()];
const stats = new Map<string, Stats>();
const statOf = (format: string): Stats => {
  let s = stats.get(format);
  if (!s) stats.set(format, (s = { tried: 0, crashes: 0, hangs: 0, peakRss: 0, maxMs: 0, totalMs: 0 }));
  return s;
};
const failures: string[] = [];
mkdirSync(args.out, { recursive: true });

function record(kind: "crash" | "hang", index: number, format: string, name: string, bytes: Uint8Array, detail: string): void {
  const file = join(args.out, `${kind}-${format}-seed${sweepSeed}-${index}-${name}`);
  writeFileSync(file, bytes);
  writeFileSync(`${file}.txt`, `${kind} on input ${index} (seed ${sweepSeed}, format ${format}):\n${detail}\n`);
  failures.push(`${kind} ${format} #${index}: ${detail.split("\n")[0]} -> ${file}`);
}

/** Runs inputs [from, to) in one worker; a hung input kills the worker and the rest goes on in a new one. */
function runRange(from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    const input: WorkerInput = { seeds, seed: sweepSeed, from, to };
    // A worker's entry module does not go through --import hooks: register tsx inside it, then load the TypeScript worker.
    const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(new URL("./fuzz/worker.ts", import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: input });
    let current: { index: number; format: string; mutation: string; at: number } | undefined;
    let finished = false;
    const watchdog = setInterval(() => {
      if (!current || performance.now() - current.at < limitMs) return;
      const hung = current;
      current = undefined;
      clearInterval(watchdog);
      finished = true;
      void worker.terminate();
      const { s, bytes } = inputAt(seeds, sweepSeed, hung.index);
      const st = statOf(hung.format);
      st.tried++;
      st.hangs++;
      record("hang", hung.index, hung.format, s.name, bytes, `over ${limitMs} ms (${hung.mutation})`);
      void runRange(hung.index + 1, to).then(resolve);
    }, 250);
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "start") current = { index: m.index, format: m.format, mutation: m.mutation, at: performance.now() };
      else if (m.type === "done") {
        current = undefined;
        const st = statOf(m.format);
        st.tried++;
        st.peakRss = Math.max(st.peakRss, m.rss);
        st.maxMs = Math.max(st.maxMs, m.ms);
        st.totalMs += m.ms;
        if (m.crash && m.input && m.name) {
          st.crashes++;
          record("crash", m.index, m.format, m.name, m.input, m.crash);
        }
        if ((m.index + 1) % 5000 === 0) process.stderr.write(`  ${m.index + 1 - from} inputs in this worker, ${failures.length} failure(s) so far\n`);
      } else {
        finished = true;
        clearInterval(watchdog);
        void worker.terminate().then(() => resolve());
      }
    });
    worker.on("error", (e) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      const at = current?.index ?? from;
      const { s, bytes } = inputAt(seeds, sweepSeed, at);
      const st = statOf(s.format);
      st.tried++;
      st.crashes++;
      record("crash", at, s.format, s.name, bytes, `worker died: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void runRange(at + 1, to).then(resolve);
    });
  });
}

const t0 = performance.now();
process.stderr.write(`fuzz: ${count} inputs from ${seeds.length} seeds, seed ${sweepSeed}, ${limitMs} ms per input, ${workers} worker(s)\n`);
const per = Math.ceil(count / workers);
await Promise.all(Array.from({ length: workers }, (_, w) => runRange(w * per, Math.min(count, (w + 1) * per))));
const seconds = (performance.now() - t0) / 1000;

const mb = (n: number): string => (n / 1e6).toFixed(0);
const rows = [...stats.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
console.log(`\n| format | seeds | inputs | crashes | hangs | peak RSS MB | mean ms | slowest ms |`);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const [format, s] of rows) console.log(`| ${format} | ${seeds.filter((x) => x.format === format).length} | ${s.tried} | ${s.crashes} | ${s.hangs} | ${mb(s.peakRss)} | ${(s.totalMs / Math.max(1, s.tried)).toFixed(1)} | ${s.maxMs.toFixed(0)} |`);
const total = rows.reduce((a, [, s]) => ({ tried: a.tried + s.tried, crashes: a.crashes + s.crashes, hangs: a.hangs + s.hangs, peakRss: Math.max(a.peakRss, s.peakRss) }), { tried: 0, crashes: 0, hangs: 0, peakRss: 0 });
console.log(`| **all** | ${seeds.length} | ${total.tried} | ${total.crashes} | ${total.hangs} | ${mb(total.peakRss)} | | |`);
console.log(`\n${total.tried} inputs in ${seconds.toFixed(0)} s (seed ${sweepSeed}); ${total.crashes} crash(es), ${total.hangs} hang(s), peak RSS ${mb(total.peakRss)} MB`);
for (const f of failures) console.log(f);
process.exitCode = total.crashes > 0 || total.hangs > 0 ? 1 : 0;
