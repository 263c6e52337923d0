import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { builtCli, compare, defineBench, formatBytes, secondsSpread, timeProcess, type Limit, type TimedRun } from "./harness.js";

/**
 * Many small files: a folder of 2 000 one-KiB pickles (protocol 2, an OrderedDict of counters, the
 * shape of a small training-state file) against a folder holding one of them, both whole
 * `modelgate scan` processes. Per-file cost = (time of the big scan − time of the one-file scan)
 * / 1 999; targets ≤ 0.25 ms per file and peak RSS under 100 MB. BENCH_SMALL_FILES changes the
 * count (default 2000).
 */

const FILES = Number.parseInt(process.env["BENCH_SMALL_FILES"] ?? "2000", 10);
const FILE_BYTES = 1024;
const MAX_MS_PER_FILE = 0.25;
const MAX_RSS_MB = 100;

/** PROTO 2; collections.OrderedDict(); SETITEMS of short-string → int pairs; STOP: exactly `size` bytes. */
export function smallPickle(seed: number, size = FILE_BYTES): Buffer {
  const head = Buffer.concat([Buffer.from([0x80, 0x02]), Buffer.from("ccollections\nOrderedDict\nq\x00)Rq\x01(", "latin1")]);
  const tail = Buffer.from("u.", "latin1");
  const items: Buffer[] = [];
  const item = (key: string, value: number): Buffer => {
    const k = Buffer.from(key, "utf8");
    const b = Buffer.alloc(1 + 4 + k.length + 1 + 4);
    b[0] = 0x58; // BINUNICODE
    b.writeUInt32LE(k.length, 1);
    k.copy(b, 5);
    b[5 + k.length] = 0x4a; // BININT
    b.writeInt32LE(value, 6 + k.length);
    return b;
  };
  let used = head.length + tail.length;
  for (let i = 0; ; i++) {
    const next = item(`layer.${i}.step`, seed * 1000 + i);
    // Stop when one more item plus a minimal last one would not fit; the last key pads to the exact size.
    if (used + next.length + 10 > size) break;
    items.push(next);
    used += next.length;
  }
  items.push(item("p".repeat(size - used - 10), seed));
  return Buffer.concat([head, ...items, tail]);
}

async function scan(cli: string, dir: string): Promise<TimedRun> {
  const r = await timeProcess(process.execPath, [cli, "scan", dir, "--format", "json", "--allow-incomplete"], { env: { ...process.env, NO_COLOR: "1" } });
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`modelgate scan ${dir} exited with ${r.exitCode}`);
  return r;
}

export default defineBench({
  name: "small-files",
  description: `${FILES} one-KiB pickles in a folder vs a one-file scan: per-file cost and peak RSS`,
  async run(ctx) {
    if (!Number.isInteger(FILES) || FILES < 2 || FILES > 100_000) throw new Error("BENCH_SMALL_FILES must be an integer from 2 to 100000");
    const cli = builtCli(ctx.log);
    const root = ctx.tempDir();
    const one = join(root, "one");
    const many = join(root, "many");
    mkdirSync(one);
    mkdirSync(many);
    writeFileSync(join(one, "state-0000.pkl"), smallPickle(0));
    ctx.log(`writing ${FILES} pickles of ${formatBytes(FILE_BYTES)}`);
    for (let i = 0; i < FILES; i++) writeFileSync(join(many, `state-${String(i).padStart(4, "0")}.pkl`), smallPickle(i));
    const c = await compare(
      ctx.repeats,
      () => scan(cli, one),
      () => scan(cli, many),
    );
    const perFileMs = ((c.subject.seconds - c.reference.seconds) / (FILES - 1)) * 1000;
    const limits: Limit[] = [{ name: "per file", value: perFileMs, max: MAX_MS_PER_FILE, unit: "ms" }];
    const details: Record<string, string> = { [`${FILES} files`]: secondsSpread(c.runs.subject), "one file": secondsSpread(c.runs.reference) };
    if (c.subject.maxRssBytes !== undefined) {
      limits.push({ name: "peak RSS", value: c.subject.maxRssBytes / 1e6, max: MAX_RSS_MB, unit: "MB", digits: 0 });
      if (c.reference.maxRssBytes !== undefined) details["one-file peak RSS"] = `${(c.reference.maxRssBytes / 1e6).toFixed(0)} MB`;
    }
    return {
      case: `${FILES} pickles of 1 KiB in one folder`,
      ratio: c.reference.seconds / c.subject.seconds,
      pairRatios: c.pairRatios,
      limits,
      reference: "scan of a one-file folder",
      details,
    };
  },
});
