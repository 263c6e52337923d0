import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLock, lockCheckExitCode } from "../../src/lock/check-lock.js";
import { bytesOf, sha256Hex } from "../support/fake-hub.js";
import { COMMIT_A, tinyRepo } from "../sources/hub-helpers.js";
import { lockedFromRepo, writeTempLock, type TempLock } from "./lock-helpers.js";

let lock: TempLock | undefined;
let dir: string | undefined;
afterEach(() => {
  lock?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  lock = undefined;
  dir = undefined;
});

/** The repo's files written under `root` (as `hf download --local-dir` leaves them). */
function materialise(root: string): void {
  for (const f of tinyRepo().files) {
    const path = join(root, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytesOf(f.content));
  }
}

function setup(): { lockFile: string; root: string } {
  lock = writeTempLock([lockedFromRepo(tinyRepo(), COMMIT_A)]);
  dir = mkdtempSync(join(tmpdir(), "modelgate-local-"));
  return { lockFile: lock.path, root: dir };
}

describe("lock --check --local (offline)", () => {
  it("finds no drift when the files on disk are the locked bytes, ignoring download bookkeeping", async () => {
    const { lockFile, root } = setup();
    materialise(join(root, "acme", "tiny-model"));
    mkdirSync(join(root, "acme", "tiny-model", ".cache", "huggingface"), { recursive: true });
    writeFileSync(join(root, "acme", "tiny-model", ".cache", "huggingface", "README.md.metadata"), "x");
    const report = await checkLock({ lockFile, localDir: root });
    expect(report.mode).toBe("local");
    expect(report.models[0]?.state).toBe("unchanged");
    expect(lockCheckExitCode(report)).toBe(0);
  });

  it("finds a changed weight file, a missing file and an extra pickle beside the weights", async () => {
    const { lockFile, root } = setup();
    const model = join(root, "acme", "tiny-model");
    materialise(model);
    writeFileSync(join(model, "weights", "part.bin"), new Uint8Array(5000));
    rmSync(join(model, "config.json"));
    writeFileSync(join(model, "extra.pkl"), new Uint8Array([0x80, 0x02, 0x4e, 0x2e]));
    const report = await checkLock({ lockFile, localDir: root });
    expect(report.models[0]?.local?.differences.map((d) => `${d.state} ${d.file}`)).toEqual(["missing config.json", "extra extra.pkl", "changed weights/part.bin"]);
    const changed = report.findings.find((f) => f.message.includes("weights/part.bin"));
    expect(changed?.ruleId).toBe("MG-LCK-008");
    expect(changed?.message).toContain(`sha256:${sha256Hex(new Uint8Array(5000))} found`);
    expect(lockCheckExitCode(report)).toBe(1);
  });

  it("reads a one-model lock's files from the folder itself", async () => {
    const { lockFile, root } = setup();
    materialise(root);
    expect((await checkLock({ lockFile, localDir: root })).models[0]?.state).toBe("unchanged");
  });

  it("follows HF cache snapshot symlinks to the blobs and compares the locked commit's snapshot", async () => {
    const { lockFile, root } = setup();
    const repoDir = join(root, "models--acme--tiny-model");
    const snapshot = join(repoDir, "snapshots", COMMIT_A);
    for (const f of tinyRepo().files) {
      const blob = join(repoDir, "blobs", sha256Hex(f.content));
      mkdirSync(dirname(blob), { recursive: true });
      writeFileSync(blob, bytesOf(f.content));
      const link = join(snapshot, f.path);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(blob, link);
    }
    const report = await checkLock({ lockFile, cacheDir: root });
    expect(report.models[0]?.local?.dir).toBe(snapshot);
    expect(report.models[0]?.state).toBe("unchanged");
  });

  it("reports a model with no local copy as drift, naming where it looked", async () => {
    const { lockFile, root } = setup();
    mkdirSync(join(root, "elsewhere"));
    const report = await checkLock({ lockFile, cacheDir: join(root, "elsewhere") });
    expect(report.findings[0]?.message).toContain("no local copy found");
    expect(lockCheckExitCode(report)).toBe(1);
  });
});
