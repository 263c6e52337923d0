import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { digestFile, digestSource } from "../../src/integrity/digest.js";
import { SMALL_FILE_BYTES, SmallFileByteSource } from "../../src/io/small-file-byte-source.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function file(name: string, bytes: Uint8Array | string): string {
  dir ??= mkdtempSync(join(tmpdir(), "modelgate-small-"));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("SmallFileByteSource", () => {
  it("reads the file once: later reads come from memory even after the file changed", async () => {
    const path = file("a.bin", Uint8Array.from([1, 2, 3, 4, 5]));
    const src = new SmallFileByteSource(path, 5);
    expect([...(await src.read(1, 3))]).toEqual([2, 3, 4]);
    writeFileSync(path, Uint8Array.from([9, 9, 9, 9, 9]));
    expect([...(await src.read(0, 5))]).toEqual([1, 2, 3, 4, 5]);
    expect(src.bytesRead).toBe(5);
  });

  it("reads no more than the size the listing saw, and gives empty reads past the end", async () => {
    const path = file("grown.bin", "abcdefgh");
    const src = new SmallFileByteSource(path, 4);
    expect(Buffer.from(await src.read(0, 100)).toString()).toBe("abcd");
    expect((await src.read(4, 10)).byteLength).toBe(0);
    expect((await src.read(-1, 10)).byteLength).toBe(0);
  });

  it("rejects each read of a file that cannot be opened and closes quietly", async () => {
    dir = mkdtempSync(join(tmpdir(), "modelgate-small-"));
    const src = new SmallFileByteSource(join(dir, "gone.bin"), 10);
    await expect(src.read(0, 4)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(src.read(0, 4)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(src.close()).resolves.toBeUndefined();
  });

  it("refuses a size above SMALL_FILE_BYTES, so memory per file stays bounded", () => {
    expect(() => new SmallFileByteSource("/nonexistent", SMALL_FILE_BYTES + 1)).toThrow(RangeError);
  });

  it("hashes to the same SHA-256 and git blob SHA-1 as hashing the file from disk", async () => {
    const bytes = Buffer.alloc(100_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const path = file("w.bin", bytes);
    const fromMemory = await digestSource(new SmallFileByteSource(path, bytes.length));
    expect(fromMemory).toEqual(await digestFile(path));
  });
});
