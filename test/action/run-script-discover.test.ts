import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B, tinyRepo } from "../sources/hub-helpers.js";
import { ROOT, cleanupActionRuns, runActionStep, type ActionRun } from "./action-runner.js";

/**
 * The action with `discover: "true"`: the step runs `modelgate discover` on the checkout
 * (GITHUB_WORKSPACE), then scans that inventory against a fake Hub on loopback.
 */
const HOSTILE_PICKLE = readFileSync(join(ROOT, "fixtures", "pickle", "advisories", "GHSA-5j3x-jp52-966f.pkl"));
const EVIL = tinyRepo({ id: "acme/evil-model", sha: COMMIT_B, refs: { main: COMMIT_B }, files: [...tinyRepo().files, { path: "model.pkl", content: HOSTILE_PICKLE, lfs: true }] });

const temps: string[] = [];
let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub({ repos: [tinyRepo(), EVIL] });
});
afterAll(async () => {
  await hub.close();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  cleanupActionRuns();
});

/** A checkout whose service code loads the given models, pinned. */
function workspace(models: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-ws-"));
  temps.push(dir);
  mkdirSync(join(dir, "app"));
  const lines = Object.entries(models).map(([id, commit], i) => `m${i} = AutoModelForCausalLM.from_pretrained("${id}", revision="${commit}")`);
  writeFileSync(join(dir, "app", "serve.py"), ["from transformers import AutoModelForCausalLM", "", ...lines, ""].join("\n"));
  return dir;
}

function hubEnv(): NodeJS.ProcessEnv {
  const cache = mkdtempSync(join(tmpdir(), "modelgate-ws-cache-"));
  temps.push(cache);
  return { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache, HF_HUB_OFFLINE: "" };
}

describe("the action with discover: true", () => {
  let run: ActionRun;
  beforeAll(async () => {
    run = await runActionStep({ discover: "true", "fail-on": "high" }, { env: hubEnv(), workspace: workspace({ "acme/tiny-model": COMMIT_A }) });
  });

  it("scans every model the repository's code loads and passes when they are clean", () => {
    expect(run.stderr).not.toMatch(/::error::/);
    expect(run.code).toBe(0);
    expect(run.outputs["verdict"]).toBe("passed");
    const json = JSON.parse(readFileSync(join(run.temp, "modelgate", "modelgate.json"), "utf8")) as { reports: { target: { input?: string; repoId?: string } }[] };
    expect(json.reports).toHaveLength(1);
    expect(JSON.stringify(json.reports[0]?.target)).toContain("acme/tiny-model");
    expect(run.outputs["category"]).toBe("modelgate-discover");
  });

  it("fails the step when one of the discovered models carries serialized code, and the SARIF names it", async () => {
    const bad = await runActionStep({ discover: "true", "fail-on": "high" }, { env: hubEnv(), workspace: workspace({ "acme/tiny-model": COMMIT_A, "acme/evil-model": COMMIT_B }) });
    expect(bad.code).toBe(1);
    expect(bad.outputs["verdict"]).toBe("failed");
    const sarif = readFileSync(bad.outputs["sarif-file"] ?? "", "utf8");
    expect(sarif).toContain("model.pkl");
    expect(sarif).toMatch(/"ruleId": "MG-PKL-\d+"/);
    expect(bad.summary).toContain("acme/evil-model");
  });

  it("keeps the discovered inventory beside the reports", () => {
    const inventory = JSON.parse(readFileSync(join(run.temp, "modelgate", "discover.json"), "utf8")) as { references: { id: string; revision: string | null }[] };
    expect(inventory.references.map((r) => `${r.id}@${r.revision}`)).toEqual([`acme/tiny-model@${COMMIT_A}`]);
  });
});
