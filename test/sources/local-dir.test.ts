import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../../src/errors.js";
import { SMALL_FILE_BYTES } from "../../src/io/small-file-byte-source.js";
import { listLocalFiles, resolveLocalSource } from "../../src/sources/local-dir.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-local-"));
  temps.push(dir);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, ...p.split("/").slice(0, -1)), { recursive: true });
    writeFileSync(join(dir, ...p.split("/")), content);
  }
  return dir;
}

describe("listLocalFiles", () => {
  it("lists files recursively, sorted, with forward-slash paths and sizes", async () => {
    const dir = tempDir({ "b.txt": "bb", "a.txt": "a", "sub/z.bin": "zzz", "sub/deeper/c.json": "{}" });
    const files = await listLocalFiles(dir);
    expect(files.map((f) => [f.path, f.size])).toEqual([
      ["a.txt", 1],
      ["b.txt", 2],
      ["sub/deeper/c.json", 2],
      ["sub/z.bin", 3],
    ]);
  });

  it("skips .git and other tooling folders", async () => {
    const dir = tempDir({ "model.bin": "x", ".git/HEAD": "ref: refs/heads/main", ".cache/huggingface/x.lock": "", ".huggingface/y": "" });
    expect((await listLocalFiles(dir)).map((f) => f.path)).toEqual(["model.bin"]);
  });

  it("does not follow a symlink that points outside the root", async () => {
    const outside = tempDir({ "secret.txt": "do not read" });
    const dir = tempDir({ "model.bin": "x" });
    symlinkSync(join(outside, "secret.txt"), join(dir, "leak.txt"));
    expect((await listLocalFiles(dir)).map((f) => f.path)).toEqual(["model.bin"]);
  });

  it("follows a symlink to a file inside the root and lists it under the link's name", async () => {
    const dir = tempDir({ "real/weights.bin": "abc" });
    symlinkSync(join("real", "weights.bin"), join(dir, "alias.bin"));
    const files = await listLocalFiles(dir);
    expect(files.map((f) => f.path)).toEqual(["alias.bin", "real/weights.bin"]);
    expect(files[0]?.absPath).toBe(files[1]?.absPath);
  });

  it("skips a dangling symlink and a symlink to a folder", async () => {
    const dir = tempDir({ "sub/a.txt": "a" });
    symlinkSync(join(dir, "missing"), join(dir, "dangling"));
    symlinkSync(join(dir, "sub"), join(dir, "loop"));
    expect((await listLocalFiles(dir)).map((f) => f.path)).toEqual(["sub/a.txt"]);
  });
});

describe("resolveLocalSource", () => {
  it("scans a single file as a one-file target", async () => {
    const dir = tempDir({ "model.safetensors": "12345678" });
    const src = await resolveLocalSource({ input: "model.safetensors", path: join(dir, "model.safetensors") });
    expect(src.target.kind).toBe("local-file");
    expect(src.files).toEqual([{ path: "model.safetensors", size: 8 }]);
  });

  it("yields one artifact per file with its local path and published hashes", async () => {
    const dir = tempDir({ "a.txt": "a", "b.txt": "b" });
    const published = new Map([["b.txt", { sha256: "0".repeat(64), lfs: true }]]);
    const src = await resolveLocalSource({ input: dir, path: dir, published });
    const artifacts = [];
    for await (const a of src.artifacts()) artifacts.push(a);
    expect(artifacts.map((a) => [a.ref.path, a.localPath, a.published?.sha256])).toEqual([
      ["a.txt", join(dir, "a.txt"), undefined],
      ["b.txt", join(dir, "b.txt"), "0".repeat(64)],
    ]);
    await Promise.all(artifacts.map((a) => a.close?.()));
  });

  it("refuses a path that does not exist with a source error", async () => {
    await expect(resolveLocalSource({ input: "nope", path: join(tmpdir(), "modelgate-does-not-exist-x") })).rejects.toBeInstanceOf(SourceError);
  });
});

describe("resolveLocalSource artifacts", () => {
  it("holds small files whole and leaves larger ones to range reads", async () => {
    const dir = tempDir({ "config.json": '{"model_type":"gpt2"}', "big.bin": "x".repeat(SMALL_FILE_BYTES + 1) });
    const source = await resolveLocalSource({ input: dir, path: dir });
    const seen: [string, string][] = [];
    for await (const a of source.artifacts()) {
      seen.push([a.ref.path, a.source.constructor.name]);
      await a.close?.();
    }
    expect(seen).toEqual([
      ["big.bin", "FileByteSource"],
      ["config.json", "SmallFileByteSource"],
    ]);
  });
});
