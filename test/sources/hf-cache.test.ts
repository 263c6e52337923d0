import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { detectHfCacheSnapshot, publishedFromBlobName } from "../../src/sources/hf-cache.js";
import type { ScanReport } from "../../src/types/report.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "hf-cache");
const CLEAN_REPO = join(FIXTURES, "models--acme--tiny-model");
const CLEAN_COMMIT = "0c8c7bd680b752e85526da71da36a08801ab8c3a";
const TAMPERED_REPO = join(FIXTURES, "models--acme--tampered-model");

const item = (r: ScanReport, id: string) => r.checklist.find((i) => i.id === id);

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const COMMIT = "a".repeat(40);

/** A cache repo folder `models--acme--m` in a fresh temp dir with refs/main and an empty snapshot. */
function tempCache(): { root: string; repoDir: string; snapshot: string } {
  const root = mkdtempSync(join(tmpdir(), "modelgate-cache-"));
  temps.push(root);
  const repoDir = join(root, "models--acme--m");
  const snapshot = join(repoDir, "snapshots", COMMIT);
  mkdirSync(join(repoDir, "blobs"), { recursive: true });
  mkdirSync(join(repoDir, "refs"));
  mkdirSync(snapshot, { recursive: true });
  writeFileSync(join(repoDir, "refs", "main"), COMMIT);
  return { root, repoDir, snapshot };
}

function addBlob(repoDir: string, snapshot: string, file: string, content: string, blobName?: string): void {
  const bytes = Buffer.from(content);
  const name = blobName ?? createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
  writeFileSync(join(repoDir, "blobs", name), bytes);
  symlinkSync(join("..", "..", "blobs", name), join(snapshot, file));
}

describe("detectHfCacheSnapshot", () => {
  it("recognises a snapshot folder and names repo, commit and the refs pointing at it", () => {
    expect(detectHfCacheSnapshot(join(CLEAN_REPO, "snapshots", CLEAN_COMMIT))).toEqual({
      repoDir: CLEAN_REPO,
      repoId: "acme/tiny-model",
      commitSha: CLEAN_COMMIT,
      snapshotDir: join(CLEAN_REPO, "snapshots", CLEAN_COMMIT),
      refs: ["main"],
    });
  });

  it("takes the repo folder as the snapshot refs/main points at", () => {
    expect(detectHfCacheSnapshot(CLEAN_REPO)?.snapshotDir).toBe(join(CLEAN_REPO, "snapshots", CLEAN_COMMIT));
  });

  it("does not take an ordinary folder for a cache", () => {
    expect(detectHfCacheSnapshot(join(import.meta.dirname, "..", "..", "fixtures", "repos", "tiny-safetensors-clean"))).toBeUndefined();
  });

  it("does not take a snapshots folder whose name is not a commit SHA", () => {
    const { repoDir } = tempCache();
    mkdirSync(join(repoDir, "snapshots", "main"));
    expect(detectHfCacheSnapshot(join(repoDir, "snapshots", "main"))).toBeUndefined();
  });

  it("ignores a repo folder whose refs/main is not a commit SHA", () => {
    const { repoDir } = tempCache();
    writeFileSync(join(repoDir, "refs", "main"), "not a sha");
    expect(detectHfCacheSnapshot(repoDir)).toBeUndefined();
  });
});

describe("publishedFromBlobName", () => {
  it("reads a 64-hex blob name as the LFS SHA-256", () => {
    expect(publishedFromBlobName(`../../blobs/${"ab".repeat(32)}`)).toEqual({ sha256: "ab".repeat(32), lfs: true });
  });

  it("reads a 40-hex blob name as the git blob SHA-1", () => {
    expect(publishedFromBlobName(`/c/blobs/${"cd".repeat(20)}`)).toEqual({ gitSha1: "cd".repeat(20), lfs: false });
  });

  it("publishes nothing for any other name", () => {
    expect(publishedFromBlobName("/c/blobs/model.safetensors")).toBeUndefined();
  });
});

describe("scanning an HF cache snapshot", () => {
  it("verifies every file offline from the blob names and pins repo and commit", async () => {
    const r = await scan({ target: CLEAN_REPO });
    expect(r.target).toMatchObject({ kind: "hf-cache", repoId: "acme/tiny-model", commitSha: CLEAN_COMMIT, revision: "main" });
    expect(r.files.map((f) => [f.path, f.verification])).toEqual([
      ["README.md", "verified"],
      ["config.json", "verified"],
      ["generation_config.json", "verified"],
      ["model.safetensors", "verified"],
      ["tokenizer_config.json", "verified"],
    ]);
    expect(item(r, "model-source")?.status).toBe("pass");
    expect(item(r, "weight-integrity")?.status).toBe("pass");
  });

  it("detects a corrupted blob as a hash mismatch and fails the gate", async () => {
    const r = await scan({ target: TAMPERED_REPO });
    const mismatches = r.findings.filter((f) => f.ruleId === "MG-INT-001");
    expect(mismatches.map((f) => f.artifact?.path)).toEqual(["model.safetensors"]);
    expect(mismatches[0]?.message).toContain("2c18ea06505516d09596490c9d6c45ca08cdb48ed2920f68f11e469cde898487");
    expect(item(r, "weight-integrity")?.status).toBe("fail");
    expect(r.verdict.passed).toBe(false);
  });

  it("does not follow a snapshot symlink that leaves the repo folder", async () => {
    const { root, repoDir, snapshot } = tempCache();
    addBlob(repoDir, snapshot, "config.json", "{}\n");
    writeFileSync(join(root, "outside.txt"), "secret\n");
    symlinkSync(join("..", "..", "..", "outside.txt"), join(snapshot, "escape.txt"));
    const r = await scan({ target: snapshot });
    expect(r.files.map((f) => f.path)).toEqual(["config.json"]);
  });

  it("leaves a snapshot file that is not a link into blobs unverifiable", async () => {
    const { repoDir, snapshot } = tempCache();
    addBlob(repoDir, snapshot, "config.json", "{}\n");
    writeFileSync(join(snapshot, "extra.txt"), "placed by hand\n");
    const r = await scan({ target: snapshot });
    expect(r.files.map((f) => [f.path, f.verification])).toEqual([
      ["config.json", "verified"],
      ["extra.txt", "unverifiable"],
    ]);
  });

  it("detects a plain git file whose blob differs from its SHA-1 name", async () => {
    const { repoDir, snapshot } = tempCache();
    addBlob(repoDir, snapshot, "config.json", '{"evil": true}\n', "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    const r = await scan({ target: snapshot });
    expect(r.files[0]?.verification).toBe("mismatch");
    expect(r.findings.some((f) => f.ruleId === "MG-INT-001")).toBe(true);
  });
});
