import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLock, renderLock } from "../../src/lock/build-lock.js";
import { digestOf } from "../../src/lock/canonical-json.js";
import type { LockedFile, LockedModel } from "../../src/lock/lock-file.js";
import { bytesOf, gitBlobSha1, lfsPointer, sha256Hex, type FakeRepo } from "../support/fake-hub.js";

/** The lock entry `modelgate lock` would write for a fake repo at `commit` (hashes as the Hub publishes them). */
export function lockedFromRepo(repo: FakeRepo, commit: string, revision = "main"): LockedModel {
  const files = (repo.revisions?.[commit] ?? repo.files)
    .map((f): LockedFile => {
      const content = bytesOf(f.content);
      return { path: f.path, size: content.byteLength, sha256: sha256Hex(content), gitSha1: gitBlobSha1(f.lfs ? lfsPointer(content) : content), lfs: Boolean(f.lfs) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const entry: Omit<LockedModel, "digest"> = {
    id: repo.id,
    revision,
    commit,
    license: ["mit"],
    gated: repo.gated ?? false,
    private: repo.private ?? false,
    verdict: { passed: true, failOn: "high", highest: null, counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, waived: [] },
    checklist: {
      "model-source": "pass",
      "data-provenance": "review",
      "pii-sanitization": "not-checked",
      "architecture-documentation": "pass",
      "training-pipeline": "not-checked",
      "dependency-scanning": "pass",
      "weight-integrity": "pass",
    },
    files,
  };
  return { ...entry, digest: digestOf(entry as unknown as Record<string, unknown>, "digest") };
}

export interface TempLock {
  dir: string;
  path: string;
  cleanup(): void;
}

/** Writes a lock of these models to a fresh temp folder. */
export function writeTempLock(models: LockedModel[]): TempLock {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-lock-"));
  const path = join(dir, "modelgate.lock.json");
  writeFileSync(path, renderLock(buildLock({ models, advisories: { date: "2026-11-30", count: 3 }, failOn: "high" })));
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
