import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, cleanupActionRuns, filesUnder, runActionStep, type ActionRun } from "./action-runner.js";

/** The action's scan step run under a simulated GitHub runner (see action-runner.ts); what it writes is read back, not assumed. */
const CLEAN = join(ROOT, "fixtures", "repos", "tiny-safetensors-clean");
const TAMPERED = join(ROOT, "fixtures", "hf-cache", "models--acme--tampered-model");
const TOKEN = `hf_${"Zq7".repeat(11)}x`;
afterAll(cleanupActionRuns);

describe("the action's scan step under a simulated GitHub runner", () => {
  let clean: ActionRun;
  beforeAll(async () => {
    clean = await runActionStep({ target: CLEAN, "fail-on": "high", token: TOKEN });
  });

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

  it("fails the step with the gate's exit code 1 on a tampered model and still writes the SARIF for upload", async () => {
    const bad = await runActionStep({ target: TAMPERED, "fail-on": "high" });
    expect(bad.code).toBe(1);
    expect(bad.outputs["verdict"]).toBe("failed");
    expect(readFileSync(bad.outputs["sarif-file"] ?? "", "utf8")).toContain("MG-INT-001");
  });

  it("is a usage error (exit 2) with neither a target nor discover", async () => {
    const none = await runActionStep({});
    expect(none.code).toBe(2);
    expect(none.stdout).toContain("::error::modelgate: give 'target'");
  });
});

describe("which CLI the action's scan step runs", () => {
  const bin = mkdtempSync(join(tmpdir(), "modelgate-fake-npx-"));
  const calls = join(bin, "npx-calls");
  // A stand-in for npx that records how it was called, then runs the built CLI with the rest.
  writeFileSync(join(bin, "npx"), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >>"${calls}"\nshift 2\nexec "${process.execPath}" "${join(ROOT, "dist", "cli", "main.js")}" "$@"\n`);
  chmodSync(join(bin, "npx"), 0o755);
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it("runs the action's own code at the pinned ref when no version is given, without npx", async () => {
    rmSync(calls, { force: true });
    const run = await runActionStep({ target: CLEAN }, { ownCli: true, pathPrepend: [bin] });
    expect(run.code).toBe(0);
    expect(run.outputs["verdict"]).toBe("passed");
    expect(existsSync(calls)).toBe(false);
  });

  it("runs the published release through npx when a version is given", async () => {
    rmSync(calls, { force: true });
    const run = await runActionStep({ target: CLEAN, version: "0.1.0" }, { ownCli: true, pathPrepend: [bin] });
    expect(run.code).toBe(0);
    expect(readFileSync(calls, "utf8")).toMatch(/^--yes modelgate@0\.1\.0 scan /);
  });
});
