import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { MIN_RUNS, ROOT, type Bench, type BenchContext, type BenchResult, type Limit } from "./harness.js";

/**
 * `npm run bench [-- --only <name>] [--repeat N] [--strict] [--list]`: runs every bench/*.bench.ts
 * (default export from defineBench) one after the other, prints each result as a ratio against
 * its reference measured in the same run (medians of at least 3 alternating runs, with the spread
 * of the per-run ratios), then a summary table and the machine it ran on. Exit 1 if a bench
 * crashed, or with --strict if a ratio or another limit misses its target.
 */

interface Row {
  bench: string;
  result?: BenchResult;
  error?: string;
}

function isBench(v: unknown): v is Bench {
  return typeof v === "object" && v !== null && typeof (v as Bench).name === "string" && typeof (v as Bench).run === "function";
}

async function discover(): Promise<Bench[]> {
  const dir = join(ROOT, "bench");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const benches: Bench[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: unknown };
    if (!isBench(mod.default)) throw new Error(`bench/${f}: default export must be defineBench({...})`);
    benches.push(mod.default);
  }
  return benches;
}

function limitHolds(l: Limit): boolean {
  return (l.max === undefined || l.value <= l.max) && (l.min === undefined || l.value >= l.min);
}

function describeLimit(l: Limit): string {
  const d = l.digits ?? 2;
  const bound = l.max !== undefined ? `<= ${l.max.toFixed(d)}` : l.min !== undefined ? `>= ${l.min.toFixed(d)}` : "";
  return `${l.name} ${l.value.toFixed(d)} ${l.unit}${bound ? ` (${bound})` : ""}`;
}

function hasTarget(r: BenchResult): boolean {
  return r.target !== undefined || (r.limits ?? []).some((l) => l.max !== undefined || l.min !== undefined);
}

const verdict = (r: BenchResult): string => {
  if (!hasTarget(r)) return "-";
  const ok = (r.target === undefined || r.ratio >= r.target) && (r.limits ?? []).every(limitHolds);
  return ok ? "ok" : "BELOW";
};

/** "0.91–0.97": the lowest and highest per-pair ratio behind the median. */
function spread(r: BenchResult): string {
  if (!r.pairRatios || r.pairRatios.length === 0) return "-";
  return `${Math.min(...r.pairRatios).toFixed(2)}–${Math.max(...r.pairRatios).toFixed(2)}`;
}

function describeResult(bench: string, r: BenchResult): string {
  const details = Object.entries(r.details ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const target = r.target === undefined ? "" : ` (target >= ${r.target.toFixed(2)})`;
  const runs = r.pairRatios ? ` [runs ${spread(r)}, n=${r.pairRatios.length}]` : "";
  const limits = (r.limits ?? []).map(describeLimit).join("; ");
  return `${bench} / ${r.case}: ${r.ratio.toFixed(2)}x ${r.reference}${target}${runs}${limits ? `; ${limits}` : ""}: ${verdict(r)}${details ? `\n    ${details}` : ""}`;
}

function table(rows: readonly Row[]): string {
  const header = ["bench", "case", "ratio", "runs", "target", "other targets", "status", "reference"];
  const cells = [
    header,
    ...rows.map((r) =>
      r.result
        ? [
            r.bench,
            r.result.case,
            r.result.ratio.toFixed(2),
            spread(r.result),
            r.result.target === undefined ? "-" : `>= ${r.result.target.toFixed(2)}`,
            (r.result.limits ?? []).map(describeLimit).join("; ") || "-",
            verdict(r.result),
            r.result.reference,
          ]
        : [r.bench, "-", "-", "-", "-", "-", "ERROR", r.error ?? ""],
    ),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? "").length)));
  return cells.map((c) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
}

/** CPU model, cores, Node version and load: ratios only mean something with the machine beside them. */
function machine(): string {
  let cpu = "unknown CPU";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: the model stays unknown
  }
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `${cpu}, ${availableParallelism()} core(s), Node ${process.version}, load average ${load}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { only: { type: "string", multiple: true }, repeat: { type: "string" }, strict: { type: "boolean" }, list: { type: "boolean" } },
  });
  const all = await discover();
  if (values.list) {
    for (const b of all) process.stdout.write(`${b.name}  ${b.description}\n`);
    return 0;
  }
  const only = values.only ?? [];
  const unknown = only.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown ${unknown.join(", ")} (have: ${all.map((b) => b.name).join(", ")})\n`);
    return 2;
  }
  const repeats = values.repeat ? Number(values.repeat) : MIN_RUNS;
  if (!Number.isInteger(repeats) || repeats < MIN_RUNS || repeats > 20) {
    process.stderr.write(`bench: --repeat must be an integer from ${MIN_RUNS} to 20 (medians of at least ${MIN_RUNS} runs)\n`);
    return 2;
  }
  const rows: Row[] = [];
  const before = machine();
  process.stdout.write(`Machine: ${before}\n`);
  for (const bench of all.filter((b) => only.length === 0 || only.includes(b.name))) {
    const temps: string[] = [];
    const ctx: BenchContext = {
      repeats,
      tempDir: () => {
        const d = mkdtempSync(join(tmpdir(), `modelgate-bench-${bench.name}-`));
        temps.push(d);
        return d;
      },
      log: (m) => process.stderr.write(`[${bench.name}] ${m}\n`),
    };
    process.stdout.write(`\n== ${bench.name}: ${bench.description}\n`);
    try {
      const out = await bench.run(ctx);
      for (const result of Array.isArray(out) ? out : [out]) {
        rows.push({ bench: bench.name, result });
        process.stdout.write(`${describeResult(bench.name, result)}\n`);
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      rows.push({ bench: bench.name, error: message });
      process.stdout.write(`${bench.name}: ERROR ${message}\n`);
    } finally {
      for (const d of temps) rmSync(d, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    `\nSummary (ratio = modelgate throughput / reference throughput = reference time / modelgate time, medians of at least ${repeats} alternating runs; runs = lowest–highest per-run ratio)\n${table(rows)}\n`,
  );
  process.stdout.write(`Machine at start: ${before}\nMachine at end:   ${machine()}\n`);
  if (rows.some((r) => r.error)) return 1;
  if (values.strict && rows.some((r) => r.result && verdict(r.result) === "BELOW")) return 1;
  return 0;
}

process.exitCode = await main();
