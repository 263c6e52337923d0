import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The action's scan step (action/run.sh) run as the runner would run it: INPUT_* variables from
 * action.yml, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and the built CLI in place of
 * `npx modelgate@<version>` (MODELGATE_CMD). What it writes is read back, not assumed.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const CLEAN = join(ROOT, "fixtures", "repos", "tiny-safetensors-clean");
const TAMPERED = join(ROOT, "fixtures", "hf-cache", "models--acme--tampered-model");
const TOKEN = `hf_${"Zq7".repeat(11)}x`;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  temp: string;
}

function runStep(inputs: Record<string, string>): Run {
  const home = mkdtempSync(join(tmpdir(), "modelgate-action-"));
  dirs.push(home);
  const output = join(home, "github_output");
  const summary = join(home, "step_summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env["PATH"] ?? "",
    HOME: home,
    NO_COLOR: "1",
    HF_HUB_OFFLINE: "1",
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: home,
    RUNNER_TEMP: join(home, "runner_temp"),
    MODELGATE_CMD: `${process.execPath} ${join(ROOT, "dist", "cli", "main.js")}`,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, "_")}`] = v;
  const r = spawnSync("bash", [join(ROOT, "action", "run.sh")], { env, encoding: "utf8", cwd: home });
  const outputs = Object.fromEntries(
    readFileSync(output, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, "utf8"), temp: join(home, "runner_temp") };
}

/** Every file the step left behind, read as text. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(readFileSync(join(e.parentPath, e.name), "utf8"));
  return out;
}

describe("the action's scan step under a simulated GitHub runner", () => {
  const clean = runStep({ target: CLEAN, "fail-on": "high", token: TOKEN });

  it("passes a clean model: exit 0 and verdict=passed in the step outputs", () => {
    expect(clean.stderr).not.toMatch(/::error::/);
    expect(clean.code).toBe(0);
    expect(clean.outputs["verdict"]).toBe("passed");
  });

  it("writes a SARIF 2.1.0 file and a Markdown report and names both in the outputs", () => {
    const sarif = JSON.parse(readFileSync(clean.outputs["sarif-file"] ?? "", "utf8")) as { version: string; runs: unknown[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    expect(readFileSync(clean.outputs["report-file"] ?? "", "utf8")).toMatch(/^# Model supply-chain checklist/);
    expect(clean.outputs["category"]).toMatch(/^modelgate-[A-Za-z0-9._-]+$/);
  });

  it("puts the Markdown report into the job summary", () => {
    expect(clean.summary).toBe(readFileSync(clean.outputs["report-file"] ?? "", "utf8"));
  });

  it("masks the token before anything else and never prints or writes it", () => {
    expect(clean.stdout.split("\n")[0]).toBe(`::add-mask::${TOKEN}`);
    // The runner swallows the add-mask command itself; nothing else may carry the token.
    expect(clean.stdout.split("\n").slice(1).join("\n")).not.toContain(TOKEN);
    expect(clean.stderr).not.toContain(TOKEN);
    expect(clean.summary).not.toContain(TOKEN);
    for (const text of filesUnder(clean.temp)) expect(text).not.toContain(TOKEN);
  });

  it("fails the step with the gate's exit code 1 on a tampered model and still writes the SARIF for upload", () => {
    const bad = runStep({ target: TAMPERED, "fail-on": "high" });
    expect(bad.code).toBe(1);
    expect(bad.outputs["verdict"]).toBe("failed");
    expect(readFileSync(bad.outputs["sarif-file"] ?? "", "utf8")).toContain("MG-INT-001");
  });

  it("is a usage error (exit 2) with neither a target nor discover", () => {
    const none = runStep({});
    expect(none.code).toBe(2);
    expect(none.stdout).toContain("::error::modelgate: give 'target'");
  });
});
