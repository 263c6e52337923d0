import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { digestFile } from "../../src/integrity/digest.js";
import { HashPool } from "../../src/integrity/hash-pool.js";

const dir = mkdtempSync(join(tmpdir(), "modelgate-prefetch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let pool: HashPool | undefined;
afterEach(async () => pool?.close());

// Whole seconds, so putting the mtime back after a rewrite restores it exactly.
const FIXED_TIME = 1_700_000_000;

function file(name: string, fill: number, size = 300_000): string {
  const p = join(dir, name);
  writeFileSync(p, new Uint8Array(size).fill(fill));
  utimesSync(p, FIXED_TIME, FIXED_TIME);
  return p;
}

/** Rewrites a file with other bytes of the same size and puts its mtime back: only a reused prefetch still sees the old bytes. */
function swapContentKeepingStat(path: string, fill: number): void {
  writeFileSync(path, new Uint8Array(statSync(path).size).fill(fill));
  utimesSync(path, FIXED_TIME, FIXED_TIME);
}

describe("HashPool.prefetch", () => {
  it("hands the prefetched digest to the later request for the same unchanged file", async () => {
    const p = file("reuse.bin", 1);
    const original = await digestFile(p, { gitSha1: false });
    pool = new HashPool({ size: 2 });
    await pool.prefetch(p);
    swapContentKeepingStat(p, 2);
    expect(await pool.digestFile(p, { gitSha1: false })).toEqual(original);
  });

  it("hashes again when the file changed after the prefetch", async () => {
    const p = file("changed.bin", 3);
    pool = new HashPool({ size: 2 });
    void pool.prefetch(p);
    writeFileSync(p, new Uint8Array(400_000).fill(4));
    expect(await pool.digestFile(p, { gitSha1: false })).toEqual(await digestFile(p, { gitSha1: false }));
  });

  it("hashes again when the git SHA-1 is wanted, which a prefetch does not compute", async () => {
    const p = file("sha1.bin", 5);
    pool = new HashPool({ size: 2 });
    void pool.prefetch(p);
    const d = await pool.digestFile(p, { gitSha1: true });
    expect(d.gitSha1).toMatch(/^[0-9a-f]{40}$/);
  });

  it("uses a prefetched digest only once", async () => {
    const p = file("once.bin", 6);
    pool = new HashPool({ size: 2 });
    await pool.prefetch(p);
    await pool.digestFile(p, { gitSha1: false });
    swapContentKeepingStat(p, 7);
    expect(await pool.digestFile(p, { gitSha1: false })).toEqual(await digestFile(p, { gitSha1: false }));
  });

  it("ignores a path that does not exist, leaving the error to the real request", async () => {
    pool = new HashPool({ size: 2 });
    const missing = join(dir, "missing.bin");
    await expect(pool.prefetch(missing)).resolves.toBeUndefined();
    await expect(pool.digestFile(missing)).rejects.toThrow(/ENOENT/);
  });

  it("reports the read error of a prefetched file that became unreadable to the request", async () => {
    const p = file("vanishing.bin", 8);
    pool = new HashPool({ size: 2 });
    void pool.prefetch(p);
    rmSync(p);
    await expect(pool.digestFile(p, { gitSha1: false })).rejects.toThrow(/ENOENT/);
  });
});
