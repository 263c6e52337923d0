import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { digestFile } from "../../src/integrity/digest.js";
import { HashPool } from "../../src/integrity/hash-pool.js";

const dir = mkdtempSync(join(tmpdir(), "modelgate-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, size: number, seed: number): string {
  const p = join(dir, name);
  writeFileSync(p, new Uint8Array(size).map((_, i) => (i * seed + (i >> 9)) & 0xff));
  return p;
}

// No inline threshold and no calling-thread lane: every file goes to a worker, so the worker path is what is tested.
let pool: HashPool | undefined;
const newPool = (size = 2, mainThreadLane = false): HashPool => (pool = new HashPool({ size, inlineBelow: 0, mainThreadLane }));
afterEach(async () => pool?.close());

describe("HashPool", () => {
  it.each([
    ["workers only", false],
    ["the calling thread beside workers", true],
  ])("gives the same digests in parallel on %s as hashing serially", async (_name, mainThreadLane) => {
    const paths = [file("a.bin", 3 * 1024 * 1024 + 7, 3), file("b.bin", 9 * 1024 * 1024, 5), file("c.bin", 1, 7), file("d.bin", 0, 1), file("e.bin", 100_000, 11)];
    const p = newPool(3, mainThreadLane);
    const parallel = await Promise.all(paths.map((path) => p.digestFile(path)));
    const serial = [];
    for (const path of paths) serial.push(await digestFile(path));
    expect(parallel).toEqual(serial);
  });

  it("never starts more workers than its size", async () => {
    const paths = Array.from({ length: 6 }, (_, i) => file(`n${i}.bin`, 50_000, i + 2));
    const p = newPool(2);
    const running = Promise.all(paths.map((path) => p.digestFile(path)));
    expect(p.workerCount).toBe(2);
    await running;
    expect(p.workerCount).toBeLessThanOrEqual(2);
  });

  it("counts the calling thread as one of its lanes", async () => {
    const paths = Array.from({ length: 4 }, (_, i) => file(`l${i}.bin`, 50_000, i + 2));
    const p = newPool(2, true);
    const running = Promise.all(paths.map((path) => p.digestFile(path)));
    expect(p.workerCount).toBe(1);
    await running;
  });

  it("hashes a lone large file on the calling thread without starting a worker", async () => {
    const p = newPool(2, true);
    const path = file("lone.bin", 200_000, 13);
    expect(await p.digestFile(path)).toEqual(await digestFile(path));
    expect(p.workerCount).toBe(0);
  });

  it("leaves the git SHA-1 out when it is not wanted", async () => {
    const d = await newPool().digestFile(file("nosha1.bin", 1000, 3), { gitSha1: false });
    expect(d.gitSha1).toBe("");
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("computes the git blob SHA-1 that git hash-object gives", async () => {
    const p = join(dir, "hello.txt");
    writeFileSync(p, "hello\n");
    expect((await newPool().digestFile(p)).gitSha1).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });

  it("rejects a missing file with the system error and keeps working", async () => {
    const p = newPool(1);
    await expect(p.digestFile(join(dir, "absent.bin"))).rejects.toThrow(/ENOENT/);
    expect((await p.digestFile(file("after.bin", 10, 3))).size).toBe(10);
  });

  it("hashes small files on the calling thread without starting a worker", async () => {
    const p = (pool = new HashPool({ size: 2, mainThreadLane: false }));
    const path = file("tiny.bin", 100, 3);
    expect(await p.digestFile(path, { size: 100 })).toEqual(await digestFile(path));
    expect(p.workerCount).toBe(0);
  });

  it("rejects a job whose signal is already aborted", async () => {
    await expect(newPool().digestFile(file("aborted.bin", 10, 3), { signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it("rejects queued jobs when closed", async () => {
    const p = newPool(1);
    const settling = Promise.allSettled([p.digestFile(file("q1.bin", 1_000_000, 3)), p.digestFile(file("q2.bin", 1_000_000, 5))]);
    await p.close();
    const settled = await settling;
    expect(settled.some((s) => s.status === "rejected")).toBe(true);
  });
});
