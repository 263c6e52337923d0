import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ROOT, type Bench, type BenchContext, type BenchResult } from "./harness.js";

/**
 * `npm run bench [-- --only <name>] [--repeat N] [--strict] [--list]`: runs every bench/*.bench.ts
 * (default export from defineBench) one after the other, prints each result as a ratio against
 * its reference measured in the same run, then a summary table. Exit 1 if a bench crashed, or
 * with --strict if a ratio is below its target.
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

const verdict = (r: BenchResult): string => (r.target === undefined ? "-" : r.ratio >= r.target ? "ok" : "BELOW");

function describeResult(bench: string, r: BenchResult): string {
  const details = Object.entries(r.details ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const target = r.target === undefined ? "" : ` (target >= ${r.target.toFixed(2)}: ${verdict(r)})`;
  return `${bench} / ${r.case}: ${r.ratio.toFixed(2)}x ${r.reference}${target}${details ? `\n    ${details}` : ""}`;
}

function table(rows: readonly Row[]): string {
  const header = ["bench", "case", "ratio", "target", "status", "reference"];
  const cells = [
    header,
    ...rows.map((r) =>
      r.result
        ? [r.bench, r.result.case, r.result.ratio.toFixed(2), r.result.target?.toFixed(2) ?? "-", verdict(r.result), r.result.reference]
        : [r.bench, "-", "-", "-", "ERROR", r.error ?? ""],
    ),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? "").length)));
  return cells.map((c) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n");
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
  const repeats = values.repeat ? Number.parseInt(values.repeat, 10) : 3;
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 20) {
    process.stderr.write("bench: --repeat must be an integer from 1 to 20\n");
    return 2;
  }
  const rows: Row[] = [];
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
  process.stdout.write(`\nSummary (ratio = modelgate throughput / reference throughput, best of ${repeats})\n${table(rows)}\n`);
  if (rows.some((r) => r.error)) return 1;
  if (values.strict && rows.some((r) => r.result && verdict(r.result) === "BELOW")) return 1;
  return 0;
}

process.exitCode = await main();
