import { afterEach, describe, expect, it } from "vitest";
import { createLock } from "../../src/lock/create-lock.js";
import { renderLock } from "../../src/lock/build-lock.js";
import { parseLockFile } from "../../src/lock/read-lock.js";
import { startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, tempCache, tinyRepo } from "../sources/hub-helpers.js";

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
  hub = undefined;
  cache = undefined;
});

async function setup(repos = [tinyRepo()]): Promise<{ hubUrl: string; cacheDir: string }> {
  hub = await startFakeHub({ repos });
  cache = tempCache();
  return { hubUrl: hub.url, cacheDir: cache.dir };
}

describe("createLock", () => {
  it("locks a passing model with its commit, every file's hashes, checklist and verdict", async () => {
    const env = await setup();
    const { lock, outcomes } = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "critical", allowIncomplete: true });
    expect(outcomes.map((o) => o.refused)).toEqual([undefined]);
    const m = lock?.models[0];
    expect(m?.id).toBe("acme/tiny-model");
    expect(m?.revision).toBe("main");
    expect(m?.commit).toBe(COMMIT_A);
    expect(m?.license).toEqual(["mit"]);
    expect(m?.files.map((f) => f.path)).toEqual(["README.md", "config.json", "weights/part.bin"]);
    const part = m?.files.find((f) => f.path === "weights/part.bin");
    expect(part?.lfs).toBe(true);
    expect(part?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(m?.checklist ?? {})).toHaveLength(7);
  });

  it("writes the same bytes for the same inputs, and the text parses back as a verified lock", async () => {
    const env = await setup();
    const a = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "critical", allowIncomplete: true });
    const b = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "critical", allowIncomplete: true });
    const text = renderLock(a.lock!);
    expect(renderLock(b.lock!)).toBe(text);
    expect(parseLockFile(text, "modelgate.lock.json")).toEqual(a.lock);
  });

  it("refuses to produce a lock when one model fails its gate", async () => {
    const env = await setup();
    const result = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "info" });
    expect(result.outcomes[0]?.refused).toBe("gate-failed");
    expect(result.lock).toBeUndefined();
  });

  it("locks a failing model when a policy waiver covers every failing finding, and records the waiver", async () => {
    const env = await setup();
    const first = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "info" });
    const failing = first.outcomes[0]!.report.findings.filter((f) => !f.suppressed);
    expect(failing.length).toBeGreaterThan(0);
    const waivers = [...new Set(failing.map((f) => f.ruleId))].map((rule) => ({ rule, reason: "reviewed by the ML platform team" }));
    const result = await createLock({ ...env, targets: ["acme/tiny-model"], failOn: "info", allowIncomplete: true, policy: { rules: {}, waivers, lists: {} } });
    expect(result.lock?.models[0]?.verdict.waived.length).toBe(failing.length);
    expect(result.lock?.models[0]?.verdict.waived[0]).toContain("reviewed by the ML platform team");
  });

  it("rejects a local folder as a lock target", async () => {
    await expect(createLock({ targets: ["./fixtures"] })).rejects.toThrow(/not a Hub model id/);
  });
});
