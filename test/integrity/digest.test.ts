import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DigestBuilder, digestFile, digestSource, HASH_CHUNK_BYTES } from "../../src/integrity/digest.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";

// Values from `printf 'hello\n' | git hash-object --stdin` and `sha256sum`, run once by hand.
const HELLO = new TextEncoder().encode("hello\n");
const HELLO_GIT_SHA1 = "ce013625030ba8dba906f756967f9e9ca394464a";
const HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const EMPTY_GIT_SHA1 = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const dir = mkdtempSync(join(tmpdir(), "modelgate-digest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DigestBuilder", () => {
  it("computes the git blob SHA-1 that git hash-object gives", () => {
    const b = new DigestBuilder(HELLO.byteLength);
    b.update(HELLO);
    expect(b.digest()).toEqual({ sha256: HELLO_SHA256, gitSha1: HELLO_GIT_SHA1, size: 6 });
  });

  it("gives the same digest whatever the chunking", () => {
    const b = new DigestBuilder(HELLO.byteLength);
    for (let i = 0; i < HELLO.byteLength; i++) b.update(HELLO.subarray(i, i + 1));
    expect(b.digest().gitSha1).toBe(HELLO_GIT_SHA1);
  });

  it("hashes an empty file like git and sha256sum", () => {
    expect(new DigestBuilder(0).digest()).toEqual({ sha256: EMPTY_SHA256, gitSha1: EMPTY_GIT_SHA1, size: 0 });
  });

  it("leaves the git SHA-1 empty when fewer bytes arrived than the header announced", () => {
    const b = new DigestBuilder(10);
    b.update(HELLO);
    expect(b.digest()).toMatchObject({ gitSha1: "", size: 6 });
  });

  it("skips the git SHA-1 when it is not wanted", () => {
    const b = new DigestBuilder(HELLO.byteLength, false);
    b.update(HELLO);
    expect(b.digest()).toEqual({ sha256: HELLO_SHA256, gitSha1: "", size: 6 });
  });
});

describe("digestFile", () => {
  it("hashes a small file", async () => {
    const p = join(dir, "hello.txt");
    writeFileSync(p, HELLO);
    expect(await digestFile(p)).toEqual({ sha256: HELLO_SHA256, gitSha1: HELLO_GIT_SHA1, size: 6 });
  });

  it("hashes a file spanning several read chunks like the in-memory builder", async () => {
    const bytes = new Uint8Array(2 * HASH_CHUNK_BYTES + 12345).map((_, i) => (i * 31) & 0xff);
    const p = join(dir, "multi.bin");
    writeFileSync(p, bytes);
    const b = new DigestBuilder(bytes.byteLength);
    b.update(bytes);
    expect(await digestFile(p)).toEqual(b.digest());
  });

  it("rejects a missing file", async () => {
    await expect(digestFile(join(dir, "absent"))).rejects.toThrow(/ENOENT/);
  });

  it("stops when the signal is aborted", async () => {
    const p = join(dir, "abort.bin");
    writeFileSync(p, new Uint8Array(HASH_CHUNK_BYTES + 1));
    await expect(digestFile(p, { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe("digestSource", () => {
  it("hashes a byte source like a file", async () => {
    expect(await digestSource(new MemoryByteSource(HELLO))).toEqual({ sha256: HELLO_SHA256, gitSha1: HELLO_GIT_SHA1, size: 6 });
  });
});
