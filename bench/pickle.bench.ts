import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, builtCli, compare, defineBench, formatBytes, secondsSpread, throughputRatio, timeProcess, type BenchResult, type Comparison, type TimedRun } from "./harness.js";

/**
 * The pickle walker against Python's own opcode walk (`pickletools.genops`, what picklescan runs)
 * on the same files, both as whole processes, files in the page cache:
 * (a) ≈200 MB of large byte blobs (picklescan: 156 MB/s on this machine class; target ≥ 5×),
 * (b) ≈175 MB opcode-dense: millions of small ints, strings, floats, tuples and memo entries
 *     (target ≥ 10× genops, issue 12; picklescan: 1 MB/s, target ≥ 50×), with the walker's peak RSS.
 * The files are written at bench time in a temp dir. BENCH_PICKLE_MIB scales both (default 200).
 */

const MIB = 1024 * 1024;
const SCALE = Number.parseInt(process.env["BENCH_PICKLE_MIB"] ?? "200", 10) / 200;
const BLOB_BYTES = Math.round(200 * MIB * SCALE);
const DENSE_BYTES = Math.round(175 * MIB * SCALE);
const PICKLESCAN_MBPS = { blobs: 156, dense: 1 };
const REFERENCE = "python3 pickletools.genops";

/** Writes through a 1 MiB buffer. */
class Out {
  private readonly buf = Buffer.allocUnsafe(MIB);
  private n = 0;
  written = 0;
  constructor(private readonly fd: number) {}
  bytes(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      writeSync(this.fd, b);
      this.written += b.length;
      return;
    }
    this.buf.set(b, this.n);
    this.n += b.length;
    this.written += b.length;
  }
  flush(): void {
    writeSync(this.fd, this.buf, 0, this.n);
    this.n = 0;
  }
}

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);
function le(n: number, width: number): number[] {
  return Array.from({ length: width }, (_, i) => Number((BigInt(n) >> BigInt(8 * i)) & 0xffn));
}

/** (a) PROTO 4, a dict of 2 MiB random BINBYTES blobs keyed by short names, then a harmless call at the end. */
function writeBlobPickle(path: string, size: number): void {
  const fd = openSync(path, "w");
  const out = new Out(fd);
  const blob = randomBytes(2 * MIB);
  out.bytes(u8(0x80, 4, 0x7d, 0x94, 0x28));
  for (let i = 0; out.written < size - 4 * MIB; i++) {
    const key = Buffer.from(`layer.${i}.weight`);
    blob.writeUInt32LE(i, 0);
    out.bytes(u8(0x8c, key.length, ...key, 0x94, 0x42, ...le(blob.length, 4)));
    out.bytes(blob);
    out.bytes(u8(0x94));
  }
  out.bytes(u8(0x75, 0x2e));
  out.flush();
  closeSync(fd);
}

/**
 * (b) What pickle.dumps writes for a big list of (int, str, float) tuples at protocol 4: 64 KiB
 * FRAMEs, MEMOIZE after every string and tuple, APPENDS batches of 1000, and every tenth string a
 * repeat fetched back with BINGET/LONG_BINGET.
 */
function writeDensePickle(path: string, size: number): void {
  const fd = openSync(path, "w");
  const out = new Out(fd);
  const frame = Buffer.allocUnsafe(70 * 1024);
  let f = 0;
  const emitFrame = (): void => {
    out.bytes(u8(0x95, ...le(f, 8)));
    out.bytes(frame.subarray(0, f));
    f = 0;
  };
  const put = (...b: number[]): void => {
    for (const x of b) frame[f++] = x;
  };
  out.bytes(u8(0x80, 4));
  put(0x5d, 0x94); // EMPTY_LIST MEMOIZE
  let memo = 1;
  let lastString = 1;
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; out.written + f < size - 1024; i++) {
    if (i % 1000 === 0) {
      if (i > 0) put(0x65); // APPENDS
      put(0x28); // MARK
    }
    put(0x4a, ...le(i | 0, 4)); // BININT
    if (i % 10 === 9) {
      const key = lastString;
      if (key < 256) put(0x68, key);
      else put(0x6a, ...le(key, 4));
    } else {
      const s = Buffer.from(`s${i}`);
      put(0x8c, s.length, ...s, 0x94); // SHORT_BINUNICODE MEMOIZE
      lastString = memo++;
    }
    view.setFloat64(0, i / 3, false);
    put(0x47, ...new Uint8Array(view.buffer)); // BINFLOAT
    put(0x87, 0x94); // TUPLE3 MEMOIZE
    memo++;
    if (f > 64 * 1024) emitFrame();
  }
  put(0x65, 0x2e); // APPENDS STOP
  emitFrame();
  out.flush();
  closeSync(fd);
}

function walkerScript(): string {
  const walker = pathToFileURL(join(ROOT, "dist", "src", "inspectors", "pickle", "walker.js")).href;
  const source = pathToFileURL(join(ROOT, "dist", "src", "io", "byte-source.js")).href;
  return `
    import { PickleWalker } from ${JSON.stringify(walker)};
    import { FileByteSource } from ${JSON.stringify(source)};
    import { statSync } from "node:fs";
    const path = process.argv[1];
    let globals = 0;
    const src = new FileByteSource(path, statSync(path).size);
    const r = await new PickleWalker(src, { onGlobal() { globals++; }, onCall() {}, onPayload() {} }).walk();
    await src.close();
    console.log(JSON.stringify({ opcodes: r.streams.reduce((n, s) => n + s.opcodes, 0), globals, bytesRead: src.bytesRead, memoOverflow: r.memoOverflow }));
  `;
}

const GENOPS = "import pickletools, sys\nn = 0\nwith open(sys.argv[1], 'rb') as f:\n    for _ in pickletools.genops(f):\n        n += 1\nprint(n)";

/**
 * Two rows per case: the ratio against genops measured in this run (medians of alternating runs),
 * and the throughput against picklescan's published rate, each with its target when it has one.
 */
function results(name: string, bytes: number, targets: { genops?: number; picklescan: number }, picklescan: number, c: Comparison): BenchResult[] {
  const ref = c.reference;
  const sub = c.subject;
  const mbps = (t: TimedRun): number => bytes / MIB / t.seconds;
  const walked = JSON.parse(sub.stdout) as { opcodes: number; bytesRead: number; memoOverflow: boolean };
  const details: Record<string, string | number> = {
    modelgate: `${secondsSpread(c.runs.subject)} (${mbps(sub).toFixed(0)} MB/s, ${walked.opcodes} opcodes, read ${formatBytes(walked.bytesRead)})`,
    genops: `${secondsSpread(c.runs.reference)} (${mbps(ref).toFixed(1)} MB/s)`,
  };
  if (sub.maxRssBytes !== undefined) details["modelgate peak RSS"] = formatBytes(sub.maxRssBytes);
  if (ref.maxRssBytes !== undefined) details["genops peak RSS"] = formatBytes(ref.maxRssBytes);
  if (walked.memoOverflow) details["memo"] = "bound reached (only names and globals kept)";
  const label = `${name} (${formatBytes(bytes)})`;
  const vsGenops: BenchResult = { case: label, ratio: throughputRatio(ref, sub), pairRatios: c.pairRatios, reference: REFERENCE, details };
  if (targets.genops !== undefined) vsGenops.target = targets.genops;
  return [
    vsGenops,
    { case: `${label} MB/s`, ratio: mbps(sub) / picklescan, target: targets.picklescan, reference: `picklescan's published ${picklescan} MB/s`, details: { modelgate: `${mbps(sub).toFixed(0)} MB/s` } },
  ];
}

export default defineBench({
  name: "pickle",
  description: `pickle opcode walk vs ${REFERENCE}: (a) large byte blobs, (b) opcode-dense with peak RSS`,
  async run(ctx) {
    builtCli(ctx.log);
    const dir = ctx.tempDir();
    const script = walkerScript();
    const walk = async (file: string): Promise<TimedRun> => {
      const r = await timeProcess(process.execPath, ["--input-type=module", "-e", script, file], { keepStdout: true });
      if (r.exitCode !== 0) throw new Error(`walker exited with ${r.exitCode}`);
      return r;
    };
    const genops = (file: string): Promise<TimedRun> => timeProcess("/usr/bin/python3", ["-c", GENOPS, file], { keepStdout: true });

    const blobs = join(dir, "blobs.pkl");
    ctx.log(`writing a ${formatBytes(BLOB_BYTES)} pickle of byte blobs`);
    writeBlobPickle(blobs, BLOB_BYTES);
    const a = await compare(ctx.repeats, () => genops(blobs), () => walk(blobs));

    const dense = join(dir, "dense.pkl");
    ctx.log(`writing a ${formatBytes(DENSE_BYTES)} opcode-dense pickle`);
    writeDensePickle(dense, DENSE_BYTES);
    const b = await compare(ctx.repeats, () => genops(dense), () => walk(dense));

    return [
      ...results("(a) large byte blobs", statSync(blobs).size, { picklescan: 5 }, PICKLESCAN_MBPS.blobs, a),
      ...results("(b) opcode-dense", statSync(dense).size, { genops: 10, picklescan: 50 }, PICKLESCAN_MBPS.dense, b),
    ];
  },
});
