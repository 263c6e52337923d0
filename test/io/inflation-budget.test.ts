import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadLists } from "../../src/catalog/load-rules.js";
import { inspectArtifact } from "../../src/engine/inspect-artifact.js";
import { LimitExceededError } from "../../src/errors.js";
import { inspectors } from "../../src/inspectors/index.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import { decompressBounded } from "../../src/io/decompress.js";
import { InflationBudget, ScanInflationBudget } from "../../src/io/inflation-budget.js";
import type { Fact } from "../../src/types/fact.js";
import type { InspectContext } from "../../src/types/inspector.js";
import { factsOf } from "../builders/run-inspector.js";
import { buildZip } from "../builders/zip-builder.js";

const lists = loadLists();
const MiB = 1024 * 1024;

async function inspectWith(bytes: Uint8Array, name: string, inflation: InflationBudget): Promise<Fact[]> {
  const ctx: InspectContext = { target: { kind: "local-dir", input: "t" }, files: [], list: (n) => lists.get(n), inflation };
  const out: Fact[] = [];
  for await (const f of inspectArtifact({ ref: { path: name }, source: new MemoryByteSource(bytes), origin: "local" }, 0, inspectors, ctx)) out.push(f);
  return out;
}

/** Bytes that deflate well but stay under the compression-ratio bound (so only the budgets can stop them). */
function compressible(n: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = 0x41 + ((x >>> 16) % 8);
  }
  return b;
}

describe("decompression budgets", () => {
  it("a file's total inflated bytes are bounded across its members (MAX_FILE_INFLATED_BYTES)", async () => {
    const member = gzipSync(compressible(2 * MiB));
    const zip = buildZip({ members: Array.from({ length: 6 }, (_, i) => ({ name: `m${i}.gz`, data: member })) });
    const budget = new InflationBudget(new ScanInflationBudget(), 5 * MiB);
    const facts = await inspectWith(zip, "bundle.zip", budget);
    const limits = factsOf(facts, "scan.limit-exceeded").map((f) => f.data.limit);
    expect(limits).toContain("MAX_FILE_INFLATED_BYTES");
    expect(budget.produced).toBeLessThanOrEqual(5 * MiB);
  });

  it("the scan's total inflated bytes are bounded across files (MAX_SCAN_INFLATED_BYTES)", async () => {
    const scan = new ScanInflationBudget(3 * MiB);
    const gz = gzipSync(compressible(2 * MiB));
    const first = await inspectWith(gz, "a.pkl.gz", scan.forFile());
    const second = await inspectWith(gz, "b.pkl.gz", scan.forFile());
    expect(factsOf(first, "scan.limit-exceeded")).toEqual([]);
    expect(factsOf(second, "scan.limit-exceeded").map((f) => f.data.limit)).toEqual(["MAX_SCAN_INFLATED_BYTES"]);
  });

  it("archives nested in one file are bounded, with one finding per container rather than one per member", async () => {
    const leaf = buildZip({ members: [{ name: "x.txt", data: "x" }] });
    const middle = buildZip({ members: Array.from({ length: 10 }, (_, i) => ({ name: `leaf${i}.zip`, data: leaf })) });
    const top = buildZip({ members: Array.from({ length: 10 }, (_, i) => ({ name: `mid${i}.zip`, data: middle })) });
    const budget = new InflationBudget(new ScanInflationBudget(), 512 * MiB, 128 * MiB, 15);
    const facts = await inspectWith(top, "top.zip", budget);
    const nested = factsOf(facts, "scan.limit-exceeded").filter((f) => f.data.limit === "MAX_NESTED_ARCHIVES_PER_FILE");
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.length).toBeLessThan(10);
    expect(budget.nestedArchives).toBeLessThanOrEqual(16);
  });

  it("members past the deepest level are neither inflated nor reported one by one", async () => {
    let z = buildZip({ members: [{ name: "x.pkl", data: "\x80\x02N." }] });
    for (let i = 0; i < 6; i++) z = buildZip({ members: Array.from({ length: 5 }, (_, k) => ({ name: `l${i}_${k}.zip`, data: z, method: 8 })) });
    const facts = await inspectWith(z, "deep.zip", new ScanInflationBudget().forFile());
    const deep = factsOf(facts, "scan.limit-exceeded").filter((f) => f.data.limit === "MAX_NESTING_DEPTH");
    expect(deep.length).toBeGreaterThan(0);
    expect(deep.every((f) => /^\d+ member\(s\) nested deeper than 4 levels/.test(f.data.message))).toBe(true);
  });

  it("decompressed bytes held at once by one file are bounded (MAX_FILE_RESIDENT_INFLATED_BYTES) and given back when released", async () => {
    const budget = new InflationBudget(new ScanInflationBudget(), 512 * MiB, 3 * MiB);
    const gz = new MemoryByteSource(gzipSync(compressible(2 * MiB)));
    const held = await decompressBounded({ source: gz, kind: "gzip", maxOutput: 128 * MiB, what: "a", budget });
    await expect(decompressBounded({ source: gz, kind: "gzip", maxOutput: 128 * MiB, what: "b", budget })).rejects.toMatchObject({ limit: "MAX_FILE_RESIDENT_INFLATED_BYTES" });
    held.release();
    expect(budget.resident).toBe(0);
    const again = await decompressBounded({ source: gz, kind: "gzip", maxOutput: 128 * MiB, what: "c", budget });
    expect(again.source.size).toBe(2 * MiB);
  });

  it("past the shared allowance a second file waits for the scan's large slot instead of holding memory beside the first", async () => {
    const scan = new ScanInflationBudget();
    const a = scan.forFile();
    const b = scan.forFile();
    await a.reserve(64 * MiB);
    const releaseA = a.hold(64 * MiB);
    let bGotIt = false;
    const waiting = b.reserve(64 * MiB).then(() => (bGotIt = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(bGotIt).toBe(false);
    releaseA();
    await waiting;
    expect(bGotIt).toBe(true);
  });

  it("a gzip bomb named model.pt stops at a bound and is reported, never inflated whole", async () => {
    const bomb = gzipSync(new Uint8Array(100 * MiB));
    const budget = new ScanInflationBudget().forFile();
    const facts = await inspectWith(bomb, "model.pt", budget);
    const limits = factsOf(facts, "scan.limit-exceeded").map((f) => f.data.limit);
    expect(limits).toEqual(["MAX_COMPRESSION_RATIO"]);
    expect(budget.produced).toBe(0);
  });

  it("a ratio-respecting stream larger than the member bound is refused at the bound (MAX_MEMBER_INFLATED_BYTES)", async () => {
    const gz = new MemoryByteSource(gzipSync(compressible(3 * MiB)));
    await expect(decompressBounded({ source: gz, kind: "gzip", maxOutput: 2 * MiB, what: "m" })).rejects.toBeInstanceOf(LimitExceededError);
  });
});
