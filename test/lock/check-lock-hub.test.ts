import { afterEach, describe, expect, it } from "vitest";
import { checkLock, lockCheckExitCode } from "../../src/lock/check-lock.js";
import { startFakeHub, type FakeHub, type FakeHubOptions, type FakeRepo } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B, tinyRepo, weights } from "../sources/hub-helpers.js";
import { lockedFromRepo, writeTempLock, type TempLock } from "./lock-helpers.js";

let hub: FakeHub | undefined;
let lock: TempLock | undefined;
afterEach(async () => {
  await hub?.close();
  lock?.cleanup();
  hub = undefined;
  lock = undefined;
});

/** A repo with two commits; main points at A, which the lock records. */
function twoCommitRepo(): FakeRepo {
  const repo = tinyRepo();
  const filesA = repo.files;
  const filesB = [...filesA.filter((f) => f.path !== "weights/part.bin"), { path: "weights/part.bin", content: weights(5000, 99), lfs: true }];
  return { ...repo, sha: COMMIT_A, refs: { main: COMMIT_A }, revisions: { [COMMIT_A]: filesA, [COMMIT_B]: filesB } };
}

async function setup(repo: FakeRepo, options: Partial<FakeHubOptions> = {}): Promise<{ lockFile: string; hubUrl: string }> {
  hub = await startFakeHub({ repos: [repo], ...options });
  lock = writeTempLock([lockedFromRepo(repo, COMMIT_A)]);
  return { lockFile: lock.path, hubUrl: hub.url };
}

describe("lock --check against the Hub", () => {
  it("reports every model unchanged and exits 0 when nothing moved", async () => {
    const { lockFile, hubUrl } = await setup(twoCommitRepo());
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models.map((m) => m.state)).toEqual(["unchanged"]);
    expect(report.findings).toEqual([]);
    expect(lockCheckExitCode(report)).toBe(0);
  });

  it("finds a branch that moved to another commit, at the lock entry's line", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo);
    repo.refs = { main: COMMIT_B };
    repo.sha = COMMIT_B;
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "moved", to: COMMIT_B }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-002"]);
    expect(report.findings[0]?.region?.startLine).toBe(report.models[0]?.line);
    expect(lockCheckExitCode(report)).toBe(1);
  });

  it("still reports a moved branch when listing what changed fails", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo);
    repo.refs = { main: COMMIT_B };
    repo.sha = COMMIT_B;
    const explainMove = (): Promise<never> => Promise.reject(new Error("tree listing failed"));
    const report = await checkLock({ lockFile, hub: { hubUrl }, explainMove });
    expect(report.models[0]?.state).toBe("drifted");
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-002"]);
    expect(report.findings[0]?.message).toContain("the changes could not be listed: tree listing failed");
  });

  it("finds a locked commit that disappeared (history force-pushed)", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo);
    repo.refs = { main: COMMIT_B };
    repo.sha = COMMIT_B;
    repo.revisions = { [COMMIT_B]: repo.revisions?.[COMMIT_B] ?? [] };
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "rewritten", head: COMMIT_B }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-003"]);
    expect(report.findings[0]?.message).toContain("no longer exists on the Hub");
  });

  it("finds a repo that became gated after it was locked", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo, { token: "hf_owner_token_123456" });
    repo.gated = "manual";
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "now-gated", gated: "restricted" }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-005"]);
  });

  it("finds a repo that became gated while its metadata stays public, and still compares its commit", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo, { token: "hf_owner_token_123456" });
    repo.gated = "auto";
    repo.publicMetadata = true;
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "now-gated", gated: "auto" }]);
  });

  it("finds a deleted repo", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo);
    repo.id = "acme/someone-else";
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "deleted" }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-004"]);
  });

  it("follows a rename redirect, reports the new id, and checks the commit under it", async () => {
    const repo = twoCommitRepo();
    const renamed: Record<string, string> = {};
    const { lockFile, hubUrl } = await setup(repo, { renamed });
    repo.id = "acme/tiny-model-v2";
    renamed["acme/tiny-model"] = "acme/tiny-model-v2";
    const report = await checkLock({ lockFile, hub: { hubUrl } });
    expect(report.models[0]?.observations).toEqual([{ state: "renamed", to: "acme/tiny-model-v2" }]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["MG-LCK-006"]);
    expect(hub?.requests.some((r) => r.url.startsWith("/api/models/acme/tiny-model-v2/tree/"))).toBe(true);
  });

  it("reports an error, never 'unchanged', when the Hub cannot be reached", async () => {
    const repo = twoCommitRepo();
    const { lockFile, hubUrl } = await setup(repo);
    const unreachable = (() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("getaddrinfo ENOTFOUND hub"), { code: "ENOTFOUND" }) }))) as typeof fetch;
    const report = await checkLock({ lockFile, hub: { hubUrl, fetch: unreachable } });
    expect(report.models[0]?.state).toBe("error");
    expect(report.errors[0]?.message).toContain("cannot reach");
    expect(lockCheckExitCode(report)).toBe(2);
  });

  it("finds a code reference the lock does not cover, at the code line", async () => {
    const { lockFile, hubUrl } = await setup(twoCommitRepo());
    const references = [
      { id: "acme/tiny-model", revision: null, locations: [{ path: "app/load.py", line: 3 }] },
      { id: "other/model", revision: null, locations: [{ path: "app/load.py", line: 9, snippet: 'from_pretrained("other/model")' }] },
      { id: "acme/tiny-model", revision: "v2", locations: [{ path: "app/train.py", line: 4 }] },
    ];
    const report = await checkLock({ lockFile, hub: { hubUrl }, references });
    expect(report.findings.map((f) => [f.ruleId, f.artifact?.path, f.region?.startLine])).toEqual([
      ["MG-LCK-001", "app/load.py", 9],
      ["MG-LCK-001", "app/train.py", 4],
    ]);
    expect(report.findings[1]?.message).toContain("locks acme/tiny-model only at main");
  });
});
