import { execFile } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, cliWithEnv, type CliRun } from "../cli/cli-harness.js";
import { CLI_BUNDLE } from "../support/cli-bundle.js";
import { startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B, tempCache, tinyRepo, weights } from "./hub-helpers.js";

const TOKEN = "hf_cliSecretToken0123456789";

/**
 * The real CLI in a child process (async: the fake Hub answers from this process's event loop).
 * Kept for the tests whose subject is the process itself: the token reaches the Hub yet appears in
 * nothing the process writes. The other tests run the same CLI in-process with the same
 * environment, which saves a process start per run. The process runs cli/main.ts as bundled for
 * this test run (test/global-setup.ts).
 */
function processCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BUNDLE, ...args], { cwd: ROOT, env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The CLI in-process with exactly the environment a child process would get. */
function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return cliWithEnv(args, { NO_COLOR: "1", ...env });
}

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
});

async function envFor(repo = tinyRepo({ gated: "manual" })): Promise<Record<string, string>> {
  hub = await startFakeHub({ repos: [repo], token: TOKEN });
  cache = tempCache();
  // HF_HOME is where HOME=cache.dir puts it, spelled out for the in-process runs (see cliWithEnv).
  return { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache.dir, HOME: cache.dir, HF_HOME: join(cache.dir, ".cache", "huggingface") };
}

describe("modelgate scan owner/name (CLI, fake Hub through HF_ENDPOINT)", () => {
  it("scans a gated repo with HF_TOKEN, exits 0, and never prints the token", async () => {
    const env = await envFor();
    const out = join(cache!.dir, "report.json");
    const run = await processCli(["scan", "acme/tiny-model", "--format", "json", "--output", out, "--fail-on", "critical", "--allow-incomplete"], { ...env, HF_TOKEN: TOKEN });
    expect(run.code).toBe(0);
    const text = readFileSync(out, "utf8");
    const report = JSON.parse(text) as { target: { commitSha: string }; source: { gated: string } };
    expect(report.target.commitSha).toBe(COMMIT_A);
    expect(report.source.gated).toBe("manual");
    for (const s of [run.stdout, run.stderr, text]) expect(s).not.toContain(TOKEN);
    expect(hub!.requests.some((r) => r.headers["authorization"] === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("uses the token `hf auth login` stored under HF_HOME, like the Hugging Face libraries", async () => {
    const env = await envFor();
    writeFileSync(join(cache!.dir, "token"), `${TOKEN}\n`);
    const run = await cli(["scan", "acme/tiny-model", "--fail-on", "critical", "--format", "json"], { ...env, HF_HOME: cache!.dir });
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(hub!.requests.some((r) => r.headers["authorization"] === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("exits 2 with a one-line access error for a gated repo without a token", async () => {
    const env = await envFor();
    const run = await cli(["scan", "acme/tiny-model"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/gated/);
  });

  it("exits 2 with a wrong token and does not echo it", async () => {
    const env = await envFor();
    const wrong = "hf_wrongTokenValue987654321";
    const run = await processCli(["scan", "acme/tiny-model", "--token", wrong], env);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).not.toContain(wrong);
  });

  it("exits 1 when the served bytes differ from the published hash", async () => {
    const repo = tinyRepo();
    const part = repo.files[2];
    if (part) part.served = weights(5000, 3);
    const env = await envFor(repo);
    const run = await cli(["scan", "acme/tiny-model", "--format", "json"], { ...env, HF_TOKEN: TOKEN });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("MG-INT-001");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });
});

interface JsonReport {
  target: { kind: string; repoId?: string; revision?: string; commitSha?: string; against?: { repoId: string; commitSha: string } };
  files: { path: string; size: number; verification: string; bytesTransferred?: number }[];
  checklist: { id: string; status: string; summary: string }[];
  findings: { ruleId: string }[];
}

function taggedRepo() {
  return tinyRepo({ refs: { main: COMMIT_A, v1: COMMIT_B }, revisions: { [COMMIT_B]: [{ path: "config.json", content: '{"model_type":"gpt2","v":1}\n' }] } });
}

describe("modelgate scan: revisions, --metadata-only, --against and HF_HUB_OFFLINE (CLI, fake Hub)", () => {
  it("--metadata-only downloads no weights, reports bytesTransferred per file and integrity as not verified", async () => {
    const big = weights(2 * 1024 * 1024);
    const env = await envFor(tinyRepo({ files: [{ path: "README.md", content: "# m\n" }, { path: "model.bin", content: big, lfs: true }] }));
    const run = await cli(["scan", "acme/tiny-model", "--metadata-only", "--format", "json"], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.map((f) => f.verification)).toEqual(["not-verified", "not-verified"]);
    const model = report.files.find((f) => f.path === "model.bin");
    expect(model?.bytesTransferred).toBeGreaterThan(0);
    expect(model?.bytesTransferred).toBeLessThan(big.byteLength / 16);
    const item = report.checklist.find((i) => i.id === "weight-integrity");
    expect(item?.status).not.toBe("pass");
    expect(item?.summary).toMatch(/not verified/);
    expect(hub!.requests.some((r) => r.url.endsWith("/model.bin") && r.headers["range"] === undefined && r.method === "GET")).toBe(false);
  });

  it.each([["hf://acme/tiny-model@v1"], ["acme/tiny-model@v1"], ["hf://models/acme/tiny-model@v1"]])("%s pins the tag's commit", async (target) => {
    const env = await envFor(taggedRepo());
    const run = await cli(["scan", target, "--format", "json"], env);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.target).toMatchObject({ kind: "hub", repoId: "acme/tiny-model", revision: "v1", commitSha: COMMIT_B });
    expect(report.files.find((f) => f.path === "config.json")?.verification).toBe("verified");
  });

  it("exits 2 with one line when @revision and a different --revision are both given", async () => {
    const env = await envFor(taggedRepo());
    const run = await cli(["scan", "acme/tiny-model@v1", "--revision", "main"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/revision given twice/)]);
    expect(hub!.requests).toEqual([]);
  });

  it("exits 2 with one line for a revision the Hub does not have", async () => {
    const env = await envFor(taggedRepo());
    const run = await cli(["scan", "acme/tiny-model", "--revision", "nope"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/revision "nope" not found/)]);
  });

  it("exits 2 with one line for a repo the Hub does not have, which is no local folder either", async () => {
    const env = await envFor(tinyRepo());
    const run = await cli(["scan", "acme/no-such-model"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^modelgate: acme\/no-such-model: model repository not found on .*set HF_TOKEN or --token\); no local file or folder "acme\/no-such-model" exists either$/)]);
  });

  it("--against passes a folder with the Hub's bytes and fails one whose file differs", async () => {
    const env = await envFor(tinyRepo());
    const first = await cli(["scan", "acme/tiny-model", "--format", "json"], env);
    expect(first.code).toBe(0);
    const local = join(cache!.dir, "local");
    cpSync(join(cache!.dir, "models--acme--tiny-model", "snapshots", COMMIT_A), local, { recursive: true, dereference: true });
    const same = await cli(["scan", local, "--against", "acme/tiny-model@main", "--format", "json"], env);
    expect(same.code).toBe(0);
    const ok = JSON.parse(same.stdout) as JsonReport;
    expect(ok.target.against).toMatchObject({ repoId: "acme/tiny-model", commitSha: COMMIT_A });
    expect(ok.files.map((f) => f.verification)).toEqual(["verified", "verified", "verified"]);
    writeFileSync(join(local, "weights", "part.bin"), weights(5000, 3));
    const changed = await cli(["scan", local, "--against", "acme/tiny-model@main", "--format", "json"], env);
    expect(changed.code).toBe(1);
    expect((JSON.parse(changed.stdout) as JsonReport).findings.map((f) => f.ruleId)).toContain("MG-INT-001");
  });

  it("HF_HUB_OFFLINE scans the cached snapshot without a request, and exits 2 when it is not cached", async () => {
    const env = await envFor(tinyRepo());
    const missing = await cli(["scan", "acme/tiny-model"], { ...env, HF_HUB_OFFLINE: "1" });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toEqual([expect.stringMatching(/HF_HUB_OFFLINE is set and this revision is not in the cache/)]);
    expect(hub!.requests).toEqual([]);
    expect((await cli(["scan", "acme/tiny-model"], env)).code).toBe(0);
    const before = hub!.requests.length;
    const offline = await cli(["scan", "acme/tiny-model", "--format", "json"], { ...env, HF_HUB_OFFLINE: "1" });
    expect(offline.code).toBe(0);
    const report = JSON.parse(offline.stdout) as JsonReport;
    expect(report.target).toMatchObject({ kind: "hub", repoId: "acme/tiny-model", commitSha: COMMIT_A });
    expect(report.files.map((f) => f.verification)).toEqual(["verified", "verified", "verified"]);
    expect(hub!.requests.length).toBe(before);
  });
});
