import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileByteSource } from "../../src/io/byte-source.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("FileByteSource", () => {
  it("reads the requested range and counts the bytes read", async () => {
    dir = mkdtempSync(join(tmpdir(), "modelgate-bs-"));
    const path = join(dir, "f.bin");
    writeFileSync(path, Uint8Array.from([1, 2, 3, 4, 5]));
    const src = new FileByteSource(path, 5);
    expect([...(await src.read(1, 3))]).toEqual([2, 3, 4]);
    expect(src.bytesRead).toBe(3);
    await src.close();
  });

  it("rejects the read but closes quietly when the file cannot be opened", async () => {
    dir = mkdtempSync(join(tmpdir(), "modelgate-bs-"));
    const src = new FileByteSource(join(dir, "gone.bin"), 10);
    await expect(src.read(0, 4)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(src.close()).resolves.toBeUndefined();
  });

  it("closes quietly when it was never read", async () => {
    await expect(new FileByteSource("/nonexistent/never-opened", 1).close()).resolves.toBeUndefined();
  });
});
