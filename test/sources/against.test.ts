import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { scan, type ScanParams } from "../../src/scan.js";
import { resolveSource } from "../../src/sources/resolve.js";
import { bytesOf, startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { writeTempRepo, type FileMap } from "../helpers/scan-files.js";
import { COMMIT_A, sourceProblems, tempCache, tinyRepo } from "./hub-helpers.js";

let hub: FakeHub | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  for (const c of cleanups.splice(0)) c();
});

/** The fake repo's files as a local folder, with edits applied (undefined deletes). */
function localCopy(edits: Record<string, string | Uint8Array | undefined> = {}): string {
  const files: FileMap = {};
  for (const f of tinyRepo().files) files[f.path] = bytesOf(f.content);
  for (const [p, v] of Object.entries(edits)) {
    if (v === undefined) delete files[p];
    else files[p] = v;
  }
  const { dir, cleanup } = writeTempRepo(files);
  cleanups.push(cleanup);
  return dir;
}

async function against(dir: string, extra: Partial<ScanParams> = {}): Promise<Awaited<ReturnType<typeof scan>>> {
  hub ??= await startFakeHub({ repos: [tinyRepo()] });
  const cache = tempCache();
  cleanups.push(cache.cleanup);
  return scan({ target: dir, against: "acme/tiny-model@main", hubUrl: hub.url, cacheDir: cache.dir, ...extra });
}

const rules = sourceProblems;

describe("--against", () => {
  it("verifies a local copy of the revision file by file and passes", async () => {
    const report = await against(localCopy());
    expect(report.files.map((f) => f.verification)).toEqual(["verified", "verified", "verified"]);
    expect(report.target).toMatchObject({ kind: "local-dir", against: { repoId: "acme/tiny-model", revision: "main", commitSha: COMMIT_A } });
    expect(rules(report)).toEqual([]);
  });

  it("fails with MG-INT-001 when a local file differs from the published bytes", async () => {
    const report = await against(localCopy({ "config.json": '{"model_type":"evil"}\n' }));
    expect(rules(report)).toEqual(["MG-INT-001 config.json"]);
    expect(report.verdict.passed).toBe(false);
  });

  it("reports a published file missing locally (MG-SRC-002)", async () => {
    const report = await against(localCopy({ "weights/part.bin": undefined }));
    expect(rules(report)).toEqual(["MG-SRC-002 weights/part.bin"]);
  });

  it("reports a local file the revision does not have (MG-SRC-003)", async () => {
    const report = await against(localCopy({ "modeling_evil.py": "import os\n" }));
    expect(rules(report)).toContain("MG-SRC-003 modeling_evil.py");
    expect(report.files.find((f) => f.path === "modeling_evil.py")?.verification).toBe("unverifiable");
  });

  it("downloads nothing: only the metadata calls reach the Hub", async () => {
    await against(localCopy());
    expect(hub?.requests.filter((r) => r.url.includes("/resolve/"))).toEqual([]);
  });

  it("compares with the cached snapshot when HF_HUB_OFFLINE is set", async () => {
    hub = await startFakeHub({ repos: [tinyRepo()] });
    const cache = tempCache();
    cleanups.push(cache.cleanup);
    const src = await resolveSource({ target: "acme/tiny-model", hubUrl: hub.url, cacheDir: cache.dir });
    for await (const a of src.artifacts()) await a.close?.();
    const before = hub.requests.length;
    const report = await scan({ target: localCopy({ "config.json": "{}" }), against: "acme/tiny-model@main", hubUrl: hub.url, cacheDir: cache.dir, offline: true });
    expect(hub.requests.length).toBe(before);
    expect(rules(report)).toEqual(["MG-INT-001 config.json"]);
  });

  it("refuses an --against value that is not a repo id", async () => {
    await expect(resolveSource({ target: localCopy(), against: "not a repo" })).rejects.toBeInstanceOf(ConfigError);
  });
});
