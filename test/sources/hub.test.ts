import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AccessError, SourceError } from "../../src/errors.js";
import { scan, type ScanParams } from "../../src/scan.js";
import { resolveSource } from "../../src/sources/resolve.js";
import type { SourcedArtifact } from "../../src/types/source.js";
import { repoFromDir, sha256Hex, startFakeHub, type FakeHub, type FakeRepo } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B, sourceProblems, tempCache, tinyRepo, weights } from "./hub-helpers.js";

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;

afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
  hub = undefined;
  cache = undefined;
});

async function setup(repos: FakeRepo[], token?: string, treePageSize?: number): Promise<{ hub: FakeHub; params: (extra?: Partial<ScanParams>) => ScanParams }> {
  hub = await startFakeHub({ repos, ...(token ? { token } : {}), ...(treePageSize ? { treePageSize } : {}) });
  cache = tempCache();
  const h = hub;
  const dir = cache.dir;
  return { hub: h, params: (extra = {}) => ({ target: "acme/tiny-model", hubUrl: h.url, cacheDir: dir, ...extra }) };
}

async function collect(params: ScanParams): Promise<SourcedArtifact[]> {
  const src = await resolveSource(params);
  const out: SourcedArtifact[] = [];
  for await (const a of src.artifacts()) out.push(a);
  for (const a of out) await a.close?.();
  return out;
}

describe("Hub source", () => {
  it("verifies every file of a clean repo and passes", async () => {
    const { params } = await setup([tinyRepo()]);
    const report = await scan(params());
    expect(report.files.map((f) => [f.path, f.verification])).toEqual([
      ["README.md", "verified"],
      ["config.json", "verified"],
      ["weights/part.bin", "verified"],
    ]);
    expect(sourceProblems(report)).toEqual([]);
  });

  it("reports the model source: owner, commit, library, tags and the Hub's scan status", async () => {
    const { params } = await setup([tinyRepo()]);
    const report = await scan(params());
    expect(report.target).toMatchObject({ kind: "hub", repoId: "acme/tiny-model", revision: "main", commitSha: COMMIT_A });
    expect(report.source).toMatchObject({
      repoId: "acme/tiny-model",
      owner: "acme",
      commitSha: COMMIT_A,
      gated: false,
      private: false,
      libraryName: "transformers",
      pipelineTag: "text-generation",
      tags: ["transformers", "license:mit"],
      hubSecurity: { scansDone: true, filesWithIssues: [] },
    });
  });

  it("publishes lfs.oid as SHA-256 and the git oid for every file", async () => {
    const { params } = await setup([tinyRepo()]);
    const src = await resolveSource(params());
    const part = src.files.find((f) => f.path === "weights/part.bin");
    expect(part?.published).toMatchObject({ sha256: sha256Hex(weights(5000)), lfs: true, size: 5000 });
    expect(part?.published?.gitSha1).toMatch(/^[0-9a-f]{40}$/);
    expect(part?.hubSecurityStatus).toBe("safe");
  });

  it("fails with MG-INT-001 when the served bytes differ from the advertised hash", async () => {
    const repo = tinyRepo();
    const part = repo.files[2];
    if (part) part.served = weights(5000, 99);
    const { params } = await setup([repo]);
    const report = await scan(params());
    expect(report.files.find((f) => f.path === "weights/part.bin")?.verification).toBe("mismatch");
    expect(report.findings.filter((f) => f.ruleId === "MG-INT-001").map((f) => f.artifact?.path)).toEqual(["weights/part.bin"]);
    expect(report.verdict.passed).toBe(false);
  });

  it("never caches bytes that did not verify", async () => {
    const repo = tinyRepo();
    const part = repo.files[2];
    if (part) part.served = weights(5000, 99);
    const { params } = await setup([repo]);
    await collect(params());
    const blob = join(cache!.dir, "models--acme--tiny-model", "blobs", sha256Hex(weights(5000)));
    expect(existsSync(blob)).toBe(false);
    expect(existsSync(join(cache!.dir, "models--acme--tiny-model", "snapshots", COMMIT_A, "weights", "part.bin"))).toBe(false);
  });

  it("closes an artifact whose temp file became unreadable without throwing, and still removes it", async () => {
    const repo = tinyRepo();
    const part = repo.files[2];
    if (part) part.served = weights(5000, 99);
    const { params } = await setup([repo]);
    const src = await resolveSource(params());
    const all: SourcedArtifact[] = [];
    for await (const a of src.artifacts()) all.push(a);
    const bad = all.find((a) => a.ref.path === "weights/part.bin");
    expect(bad?.localPath).toMatch(/\.incomplete$/);
    // The mismatched bytes sit in a temp file; make opening it fail (here: it is gone).
    rmSync(bad?.localPath ?? "", { force: true });
    await expect(bad?.source.read(0, 16)).rejects.toMatchObject({ code: "ENOENT" });
    for (const a of all) await expect(a.close?.()).resolves.toBeUndefined();
    const blobs = readdirSync(join(cache!.dir, "models--acme--tiny-model", "blobs"));
    expect(blobs.filter((b) => b.endsWith(".incomplete"))).toEqual([]);
  });

  it("writes verified files into the HF cache layout: blobs, snapshot links and refs", async () => {
    const { params } = await setup([tinyRepo()]);
    await collect(params());
    const repoDir = join(cache!.dir, "models--acme--tiny-model");
    const etag = sha256Hex(weights(5000));
    expect(readFileSync(join(repoDir, "refs", "main"), "utf8")).toBe(COMMIT_A);
    expect(readlinkSync(join(repoDir, "snapshots", COMMIT_A, "weights", "part.bin"))).toBe(join("..", "..", "..", "blobs", etag));
    expect(sha256Hex(readFileSync(join(repoDir, "blobs", etag)))).toBe(etag);
  });

  it("reuses a cached blob only after hashing it again", async () => {
    const { hub: h, params } = await setup([tinyRepo()]);
    await collect(params());
    const downloads = h.requests.filter((r) => r.url.includes("/resolve/")).length;
    const again = await collect(params());
    expect(again.every((a) => a.digest)).toBe(true);
    expect(h.requests.filter((r) => r.url.includes("/resolve/")).length).toBe(downloads);
  });

  it("detects a corrupted cache blob, reports it and downloads the file again", async () => {
    const { params } = await setup([tinyRepo()]);
    await collect(params());
    const blob = join(cache!.dir, "models--acme--tiny-model", "blobs", sha256Hex(weights(5000)));
    writeFileSync(blob, "tampered");
    const report = await scan(params());
    expect(report.files.find((f) => f.path === "weights/part.bin")?.verification).toBe("verified");
    expect(sha256Hex(readFileSync(blob))).toBe(sha256Hex(weights(5000)));
    expect(report.findings.map((f) => f.ruleName)).toContain("source-cache-corrupted");
  });

  it("pins every request after resolution to the commit SHA, even when the branch moves", async () => {
    const repo = tinyRepo({ revisions: { [COMMIT_B]: [{ path: "config.json", content: '{"moved":true}' }] } });
    const { hub: h, params } = await setup([repo]);
    const src = await resolveSource(params());
    repo.refs = { main: COMMIT_B };
    const paths: string[] = [];
    for await (const a of src.artifacts()) {
      paths.push(a.ref.path);
      expect(a.unreadable).toBeUndefined();
      await a.close?.();
    }
    expect(paths).toEqual(["README.md", "config.json", "weights/part.bin"]);
    const later = h.requests.slice(1).map((r) => r.url);
    expect(later.length).toBeGreaterThan(3);
    for (const url of later) {
      expect(url).toContain(COMMIT_A);
      expect(url).not.toMatch(/\/main(\/|\?|$)/);
    }
  });

  it("refuses an endpoint that answers a pinned commit with another commit", async () => {
    const { hub: h, params } = await setup([tinyRepo({ refs: { main: COMMIT_A, v1: COMMIT_B }, revisions: { [COMMIT_B]: [{ path: "config.json", content: "{}" }] } })]);
    h.route(`/api/models/acme/tiny-model/revision/${COMMIT_A}`, (req, res) => {
      const query = (req.url ?? "").split("?")[1] ?? "";
      void fetch(`${h.url}/api/models/acme/tiny-model/revision/v1?${query}`).then(async (r) => {
        res.writeHead(r.status, { "Content-Type": "application/json" });
        res.end(await r.text());
      });
    });
    await expect(resolveSource(params({ target: `acme/tiny-model@${COMMIT_A}` }))).rejects.toThrow(new RegExp(`asked for commit ${COMMIT_A} but .* answered with commit ${COMMIT_B}`));
  });

  it("follows tree pagination to list every file", async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ path: `shard-${i}.txt`, content: `shard ${i}\n` }));
    const { hub: h, params } = await setup([tinyRepo({ files })], undefined, 2);
    const src = await resolveSource(params());
    expect(src.files.map((f) => f.path)).toEqual(files.map((f) => f.path));
    expect(h.requests.filter((r) => r.url.includes("/tree/")).length).toBe(4);
  });

  it("refuses a gated repo without a token with an AccessError", async () => {
    const { params } = await setup([tinyRepo({ gated: "manual" })], "hf_granted");
    await expect(resolveSource(params())).rejects.toBeInstanceOf(AccessError);
  });

  it("refuses a gated repo with a token that was not granted access (403)", async () => {
    const { params } = await setup([tinyRepo({ gated: "auto" })], "hf_granted");
    const err = await resolveSource(params({ token: "hf_other" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessError);
    expect((err as AccessError).status).toBe(403);
    expect((err as Error).message).not.toContain("hf_other");
  });

  it("raises AccessError when only the file downloads are gated", async () => {
    const { params } = await setup([tinyRepo({ gated: "manual", publicMetadata: true })], "hf_granted");
    await expect(collect(params())).rejects.toBeInstanceOf(AccessError);
  });

  it("raises AccessError with --metadata-only when the file routes are gated", async () => {
    const { params } = await setup([tinyRepo({ gated: "manual", publicMetadata: true })], "hf_granted");
    await expect(collect(params({ metadataOnly: true }))).rejects.toBeInstanceOf(AccessError);
  });

  it("scans a gated repo with the right token, sent as a Bearer header", async () => {
    const { hub: h, params } = await setup([tinyRepo({ gated: "manual" })], "hf_granted");
    const report = await scan(params({ token: "hf_granted" }));
    expect(sourceProblems(report)).toEqual([]);
    expect(report.source?.gated).toBe("manual");
    expect(h.requests.every((r) => r.headers["authorization"] === "Bearer hf_granted")).toBe(true);
  });

  it("says a missing repo is not found, as a SourceError", async () => {
    const { params } = await setup([tinyRepo()]);
    const err = await resolveSource(params({ target: "acme/nope" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).not.toBeInstanceOf(AccessError);
    expect((err as Error).message).toMatch(/not found/);
  });

  it("says a missing revision is not found", async () => {
    const { params } = await setup([tinyRepo()]);
    await expect(resolveSource(params({ target: "acme/tiny-model@v9" }))).rejects.toThrow(/revision "v9" not found/);
  });

  it("marks a listed file the Hub cannot serve as unreadable, and the scan incomplete", async () => {
    const repo = tinyRepo();
    const { hub: h, params } = await setup([repo]);
    h.route(`/acme/tiny-model/resolve/${COMMIT_A}/config.json`, (_req, res) => {
      res.writeHead(404, { "X-Error-Code": "EntryNotFound", "Content-Type": "application/json" });
      res.end('{"error":"Entry not found"}');
    });
    const report = await scan(params());
    expect(report.files.find((f) => f.path === "config.json")?.verification).toBe("unreadable");
    expect(report.verdict.incomplete).toBe(true);
    expect(report.incomplete.map((i) => i.path)).toContain("config.json");
    expect(report.findings.filter((f) => f.ruleId === "MG-GEN-003").map((f) => f.message)).toEqual([
      'config.json: could not be read: listed in the tree but the Hub answered "entry not found"',
    ]);
    expect(report.incomplete).toContainEqual({ path: "config.json", reason: 'could not be read: listed in the tree but the Hub answered "entry not found"' });
  });

  it("reads only byte ranges with --metadata-only and verifies nothing", async () => {
    const { hub: h, params } = await setup([tinyRepo()]);
    const src = await resolveSource(params({ metadataOnly: true }));
    const artifacts: SourcedArtifact[] = [];
    for await (const a of src.artifacts()) artifacts.push(a);
    const part = artifacts.find((a) => a.ref.path === "weights/part.bin");
    expect(part?.digest).toBeUndefined();
    const head = await part?.source.read(10, 20);
    expect(head).toEqual(weights(5000).subarray(10, 30));
    expect(src.bytesTransferred().get("weights/part.bin")).toBe(20);
    const ranged = h.requests.filter((r) => r.url.endsWith("/weights/part.bin") && r.headers["range"] === "bytes=10-29");
    expect(ranged.length).toBe(1);
    expect(existsSync(join(cache!.dir, "models--acme--tiny-model", "blobs"))).toBe(false);
  });

  it("reports metadata-only files as not verified", async () => {
    const { params } = await setup([tinyRepo()]);
    const report = await scan(params({ metadataOnly: true }));
    expect(new Set(report.files.map((f) => f.verification))).toEqual(new Set(["not-verified"]));
  });

  it("reports files[].bytesTransferred for every Hub file: the whole file on download, 0 from the cache", async () => {
    const { params } = await setup([tinyRepo()]);
    const first = await scan(params());
    expect(first.files.map((f) => [f.path, f.bytesTransferred])).toEqual(first.files.map((f) => [f.path, f.size]));
    const again = await scan(params());
    expect(again.files.map((f) => f.bytesTransferred)).toEqual([0, 0, 0]);
  });

  it("reports with --metadata-only only the ranges inspectors read, less than the weights' size", async () => {
    const big = weights(3 * 1024 * 1024);
    const { params } = await setup([tinyRepo({ files: [{ path: "README.md", content: "# m\n" }, { path: "model.bin", content: big, lfs: true }] })]);
    const report = await scan(params({ metadataOnly: true }));
    const entry = report.files.find((f) => f.path === "model.bin");
    expect(entry?.bytesTransferred).toBeGreaterThan(0);
    expect(entry?.bytesTransferred).toBeLessThan(64 * 1024);
    expect(report.checklist.find((i) => i.id === "weight-integrity")?.summary).toMatch(/not verified/);
  });

  it("scans from the cache with HF_HUB_OFFLINE and touches no network", async () => {
    const { hub: h, params } = await setup([tinyRepo()]);
    await collect(params());
    const before = h.requests.length;
    const report = await scan(params({ offline: true }));
    expect(h.requests.length).toBe(before);
    expect(report.target).toMatchObject({ kind: "hub", repoId: "acme/tiny-model", commitSha: COMMIT_A });
    expect(report.files.map((f) => f.verification)).toEqual(["verified", "verified", "verified"]);
  });

  it("fails clearly offline when the revision is not cached", async () => {
    const { params } = await setup([tinyRepo()]);
    await expect(resolveSource(params({ offline: true }))).rejects.toThrow(/HF_HUB_OFFLINE is set and this revision is not in the cache/);
  });

  it("gives inspectors Hub metadata and README text, never throwing for missing or gated repos", async () => {
    const base: FakeRepo = { id: "acme/base", files: [{ path: "README.md", content: "# base card" }], info: { cardData: { license: "apache-2.0" } } };
    const gated: FakeRepo = { id: "acme/locked", gated: "manual", files: [] };
    const data: FakeRepo = { id: "acme/corpus", kind: "dataset", files: [], info: { cardData: { license: "cc-by-4.0" } } };
    const { params } = await setup([tinyRepo(), base, gated, data], "hf_granted");
    const src = await resolveSource(params({ token: "hf_granted", target: "acme/tiny-model" }));
    const hubApi = src.hub!;
    expect(await hubApi.modelInfo("acme/base")).toMatchObject({ found: true, cardData: { license: "apache-2.0" }, readme: "# base card" });
    expect(await hubApi.modelInfo("acme/missing")).toMatchObject({ found: false });
    expect(await hubApi.datasetInfo("acme/corpus")).toMatchObject({ found: true, kind: "dataset", cardData: { license: "cc-by-4.0" } });
    expect(await hubApi.modelInfo("../../etc")).toMatchObject({ found: false, error: expect.stringContaining("not a valid") });
  });
});

describe("Hub source with the bundled example repo", () => {
  it("downloads and verifies a real safetensors repo served by the fake Hub", async () => {
    const dir = join(import.meta.dirname, "..", "..", "fixtures", "repos", "tiny-safetensors-clean");
    const repo = repoFromDir(dir, "acme/tiny-model", { info: { library_name: "transformers" } });
    expect(repo.files.find((f) => f.path === "model.safetensors")?.lfs).toBe(true);
    const { params } = await setup([repo]);
    const report = await scan(params());
    expect(report.files.every((f) => f.verification === "verified")).toBe(true);
    expect(report.files.find((f) => f.path === "model.safetensors")?.format).toBe("safetensors");
    expect(sourceProblems(report)).toEqual([]);
  });
});
