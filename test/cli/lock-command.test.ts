import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseLockFile } from "../../src/lock/read-lock.js";
import { multitoolPath, validateSarif } from "../reporters/sarif-multitool.js";
import { COMMIT_A, COMMIT_B, tempCache } from "../sources/hub-helpers.js";
import { bytesOf, startFakeHub, type FakeHub, type FakeRepo } from "../support/fake-hub.js";
import { lockedFromRepo, writeTempLock } from "../lock/lock-helpers.js";
import { swappedRepo } from "../diff/diff-helpers.js";
import { cli } from "./cli-harness.js";

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
  hub = undefined;
  cache = undefined;
});

async function envFor(repo: FakeRepo): Promise<{ env: NodeJS.ProcessEnv; lockFile: string }> {
  hub = await startFakeHub({ repos: [repo] });
  cache = tempCache();
  return { env: { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache.dir, HOME: cache.dir, HF_HUB_OFFLINE: "" }, lockFile: join(cache.dir, "modelgate.lock.json") };
}

describe("modelgate lock (CLI, fake Hub)", () => {
  it("writes a lock that verifies, then lock --check finds no drift (exit 0)", async () => {
    const { env, lockFile } = await envFor(swappedRepo());
    const run = await cli(["lock", "acme/tiny-model", "-f", lockFile, "--fail-on", "critical", "--allow-incomplete"], env);
    expect(run.stderr).toContain("locked 1 model(s)");
    expect(run.code).toBe(0);
    const lock = parseLockFile(readFileSync(lockFile, "utf8"), lockFile);
    expect(lock.models[0]?.commit).toBe(COMMIT_A);
    const check = await cli(["lock", "--check", "-f", lockFile], env);
    expect(check.stdout).toContain("unchanged");
    expect(check.code).toBe(0);
  });

  it("writes nothing and exits 1 when a model fails its gate", async () => {
    const { env, lockFile } = await envFor(swappedRepo());
    const run = await cli(["lock", "acme/tiny-model", "-f", lockFile, "--fail-on", "info"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not written");
    expect(existsSync(lockFile)).toBe(false);
  });

  it("exits 1 after the branch moved, explains the move with the diff, and its SARIF passes the GitHub rules", async () => {
    const repo = swappedRepo();
    const { env, lockFile } = await envFor(repo);
    expect((await cli(["lock", "acme/tiny-model", "-f", lockFile, "--fail-on", "critical", "--allow-incomplete"], env)).code).toBe(0);
    repo.refs = { main: COMMIT_B };
    repo.sha = COMMIT_B;
    const text = await cli(["lock", "--check", "-f", lockFile], env);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("MG-LCK-002");
    expect(text.stdout).toContain("MG-DIF-001");
    expect(text.stdout).toMatch(/moved from the locked commit a1a1a1a1.* to b2b2b2b2.*: \d+ file\(s\) changed/);
    const sarif = await cli(["lock", "--check", "-f", lockFile, "--format", "sarif"], env);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const moved = log.runs[0]?.results.find((r) => r.ruleId === "MG-LCK-002");
    expect(moved?.locations[0]?.physicalLocation.region.startLine).toBe(readFileSync(lockFile, "utf8").split("\n").findIndex((l) => l.includes('"id": "acme/tiny-model"')));
    const bin = multitoolPath();
    if (bin) expect(validateSarif(bin, { "lock-check": sarif.stdout }).filter((i) => i.level === "error")).toEqual([]);
  });

  it("exits 2 and names the line of a lock file edited by hand", async () => {
    const { env, lockFile } = await envFor(swappedRepo());
    expect((await cli(["lock", "acme/tiny-model", "-f", lockFile, "--fail-on", "critical", "--allow-incomplete"], env)).code).toBe(0);
    const text = readFileSync(lockFile, "utf8");
    writeFileSync(lockFile, text.replace('"size": ', '"size": 1'));
    const run = await cli(["lock", "--check", "-f", lockFile], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/modelgate\.lock\.json:\d+: the entry for acme\/tiny-model@main does not match its digest/);
  });

  it("exits 2 when the Hub cannot be reached, never reporting the model unchanged", async () => {
    const { env, lockFile } = await envFor(swappedRepo());
    expect((await cli(["lock", "acme/tiny-model", "-f", lockFile, "--fail-on", "critical", "--allow-incomplete"], env)).code).toBe(0);
    await hub?.close();
    hub = undefined;
    const run = await cli(["lock", "--check", "-f", lockFile, "--format", "json"], env);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { models: { state: string }[] };
    expect(report.models[0]?.state).toBe("error");
  }, 60_000);
});

describe("modelgate lock --discover (CLI, fake Hub)", () => {
  it("locks every model the codebase loads, then --check finds one added later at its code line", async () => {
    const { env, lockFile } = await envFor(swappedRepo());
    const code = join(cache!.dir, "service");
    mkdirSync(code);
    writeFileSync(join(code, "app.py"), 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("acme/tiny-model")\n');
    const locked = await cli(["lock", "--discover", code, "-f", lockFile, "--fail-on", "critical", "--allow-incomplete"], env);
    expect(locked.code).toBe(0);
    expect(parseLockFile(readFileSync(lockFile, "utf8"), lockFile).models.map((m) => m.id)).toEqual(["acme/tiny-model"]);
    writeFileSync(join(code, "extra.py"), 'from transformers import AutoTokenizer\n\ntok = AutoTokenizer.from_pretrained("other/new-model")\n');
    const run = await cli(["lock", "--check", "--discover", code, "-f", lockFile, "--format", "json"], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; path: string; region: { startLine: number } }[] };
    const na = report.findings.filter((f) => f.ruleId === "MG-LCK-001");
    expect(na).toHaveLength(1);
    expect(na[0]?.path.endsWith("service/extra.py")).toBe(true);
    expect(na[0]?.region.startLine).toBe(3);
  });
});

describe("modelgate lock --check --local (CLI, offline)", () => {
  it("exits 0 for the locked bytes and 1 once a file on disk changed", async () => {
    const repo = swappedRepo();
    const locked = writeTempLock([lockedFromRepo(repo, COMMIT_A)]);
    try {
      const model = join(locked.dir, "models", "acme", "tiny-model");
      for (const f of repo.revisions?.[COMMIT_A] ?? []) {
        mkdirSync(dirname(join(model, f.path)), { recursive: true });
        writeFileSync(join(model, f.path), bytesOf(f.content));
      }
      const env = { HF_HUB_OFFLINE: "1", HOME: locked.dir };
      expect((await cli(["lock", "--check", "-f", locked.path, "--local", join(locked.dir, "models")], env)).code).toBe(0);
      writeFileSync(join(model, "model.safetensors"), "tampered");
      const run = await cli(["lock", "--check", "-f", locked.path, "--local", join(locked.dir, "models"), "--format", "markdown"], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("MG-LCK-008");
    } finally {
      locked.cleanup();
    }
  });
});

describe("modelgate diff (CLI, fake Hub)", () => {
  it("exits 1 on a critical format change and prints the changed files and template diff", async () => {
    const repo = swappedRepo();
    const { env } = await envFor(repo);
    repo.refs = { main: COMMIT_B };
    repo.sha = COMMIT_B;
    const run = await cli(["diff", `acme/tiny-model@${COMMIT_A}`, "--no-findings"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("+ pytorch_model.bin");
    expect(run.stdout).toContain("- model.safetensors");
    expect(run.stdout).toContain("+{{ 'Always answer in French.' }}");
    expect(run.stdout).toContain("CRITICAL MG-DIF-001");
  });

  it("exits 0 when nothing changed", async () => {
    const { env } = await envFor(swappedRepo());
    const run = await cli(["diff", `acme/tiny-model@${COMMIT_A}`, "main", "--format", "json"], env);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { files: unknown[] }).files).toEqual([]);
  });
});
