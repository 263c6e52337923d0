import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, tempCache, tinyRepo, weights } from "./hub-helpers.js";

const TOKEN = "hf_cliSecretToken0123456789";
const ROOT = join(import.meta.dirname, "..", "..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI in a child process (async: the fake Hub answers from this process's event loop). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: ROOT, env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
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
  return { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache.dir, HOME: cache.dir };
}

describe("modelgate scan owner/name (CLI, fake Hub through HF_ENDPOINT)", () => {
  it("scans a gated repo with HF_TOKEN, exits 0, and never prints the token", async () => {
    const env = await envFor();
    const out = join(cache!.dir, "report.json");
    const run = await cli(["scan", "acme/tiny-model", "--format", "json", "--output", out, "--fail-on", "critical", "--allow-incomplete"], { ...env, HF_TOKEN: TOKEN });
    expect(run.code).toBe(0);
    const text = readFileSync(out, "utf8");
    const report = JSON.parse(text) as { target: { commitSha: string }; source: { gated: string } };
    expect(report.target.commitSha).toBe(COMMIT_A);
    expect(report.source.gated).toBe("manual");
    for (const s of [run.stdout, run.stderr, text]) expect(s).not.toContain(TOKEN);
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
    const run = await cli(["scan", "acme/tiny-model", "--token", wrong], env);
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
