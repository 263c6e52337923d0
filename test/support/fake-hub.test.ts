import { afterEach, describe, expect, it } from "vitest";
import { datasetInfo, downloadFile, fileDownloadInfo, HubApiError, listFiles, modelInfo, pathsInfo } from "@huggingface/hub";
import { gitBlobSha1, sha256Hex, startFakeHub, type FakeHub, type FakeRepo } from "./fake-hub.js";

const WEIGHTS = new Uint8Array(Array.from({ length: 300 }, (_, i) => i % 251));
const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

function repo(): FakeRepo {
  return {
    id: "acme/tiny",
    sha: SHA_A,
    refs: { main: SHA_A, v1: SHA_A },
    info: { cardData: { license: "mit" }, library_name: "transformers", pipeline_tag: "text-generation", tags: ["license:mit"] },
    files: [
      { path: "config.json", content: '{"model_type":"bert"}' },
      { path: "model.safetensors", content: WEIGHTS, lfs: true },
      { path: "sub/dir/vocab.txt", content: "a\nb\n" },
    ],
  };
}

let hub: FakeHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function errorOf(p: Promise<unknown>): Promise<HubApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HubApiError) return e;
    throw e;
  }
  throw new Error("expected a HubApiError");
}

describe("fake Hub", () => {
  it("answers modelInfo with the expanded fields the client asked for", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const info = await modelInfo({ name: "acme/tiny", hubUrl: hub.url, additionalFields: ["sha", "cardData", "author", "library_name", "tags"] });
    expect(info).toMatchObject({ name: "acme/tiny", sha: SHA_A, author: "acme", cardData: { license: "mit" }, library_name: "transformers", gated: false, private: false });
    expect(info.updatedAt.getTime()).not.toBeNaN();
  });

  it("lists the recursive tree with git oid, lfs oid and size", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const items = [];
    for await (const f of listFiles({ repo: "acme/tiny", hubUrl: hub.url, recursive: true, revision: SHA_A })) items.push(f);
    const weights = items.find((f) => f.path === "model.safetensors");
    expect(weights?.lfs?.oid).toBe(sha256Hex(WEIGHTS));
    expect(weights?.size).toBe(300);
    expect(items.find((f) => f.path === "config.json")?.oid).toBe(gitBlobSha1('{"model_type":"bert"}'));
    expect(items.filter((f) => f.type === "directory").map((f) => f.path)).toEqual(["sub", "sub/dir"]);
  });

  it("paginates the tree with an absolute Link header the client follows", async () => {
    hub = await startFakeHub({ repos: [repo()], treePageSize: 1 });
    const paths = [];
    for await (const f of listFiles({ repo: "acme/tiny", hubUrl: hub.url, recursive: true })) paths.push(f.path);
    expect(paths).toEqual(["config.json", "model.safetensors", "sub", "sub/dir", "sub/dir/vocab.txt"]);
    expect(hub.requests.filter((r) => r.url.includes("/tree/")).length).toBe(5);
  });

  it("gives securityFileStatus with expand and securityRepoStatus with securityStatus=1", async () => {
    const r = repo();
    r.files.push({ path: "evil.pkl", content: "x", security: { status: "unsafe", avScan: { status: "safe" }, pickleImportScan: { status: "unsafe" } } });
    hub = await startFakeHub({ repos: [r] });
    const items = [];
    for await (const f of listFiles({ repo: "acme/tiny", hubUrl: hub.url, recursive: true, expand: true })) items.push(f);
    expect(items.find((f) => f.path === "evil.pkl")?.securityFileStatus).toMatchObject({ status: "unsafe" });
    const res = await fetch(`${hub.url}/api/models/acme/tiny/revision/main?securityStatus=1`);
    expect(await res.json()).toMatchObject({ securityRepoStatus: { scansDone: true, filesWithIssues: [{ path: "evil.pkl", level: "unsafe" }] } });
  });

  it("answers paths-info for existing paths only", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const info = await pathsInfo({ repo: "acme/tiny", hubUrl: hub.url, paths: ["model.safetensors", "nope"], expand: true });
    expect(info.map((i) => i.path)).toEqual(["model.safetensors"]);
    expect(info[0]?.securityFileStatus?.status).toBe("safe");
  });

  it("serves files through downloadFile, served bytes included", async () => {
    const r = repo();
    const file = r.files[1];
    if (file) file.served = new Uint8Array(300);
    hub = await startFakeHub({ repos: [r] });
    const info = await fileDownloadInfo({ repo: "acme/tiny", path: "model.safetensors", hubUrl: hub.url, revision: SHA_A });
    expect(info).toMatchObject({ size: 300, etag: `"${sha256Hex(WEIGHTS)}"` });
    const blob = await downloadFile({ repo: "acme/tiny", path: "model.safetensors", hubUrl: hub.url, revision: SHA_A });
    expect(new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(new Uint8Array(300));
    const slice = await blob?.slice(10, 20).arrayBuffer();
    expect(slice?.byteLength).toBe(10);
  });

  it("answers a Range request with 206 and Content-Range", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const res = await fetch(`${hub.url}/acme/tiny/resolve/main/model.safetensors`, { headers: { Range: "bytes=5-9" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 5-9/300");
    expect(res.headers.get("x-repo-commit")).toBe(SHA_A);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([5, 6, 7, 8, 9]);
  });

  it("serves the LFS pointer on raw", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const text = await (await fetch(`${hub.url}/acme/tiny/raw/main/model.safetensors`)).text();
    expect(text).toContain(`oid sha256:${sha256Hex(WEIGHTS)}`);
  });

  it("follows a moved branch while a pinned sha keeps the old files", async () => {
    const r = repo();
    r.revisions = { [SHA_A]: r.files, [SHA_B]: [{ path: "config.json", content: "{}" }] };
    hub = await startFakeHub({ repos: [r] });
    r.refs = { main: SHA_B };
    expect((await modelInfo({ name: "acme/tiny", hubUrl: hub.url, additionalFields: ["sha"] })).sha).toBe(SHA_B);
    const pinned = [];
    for await (const f of listFiles({ repo: "acme/tiny", hubUrl: hub.url, revision: SHA_A })) pinned.push(f.path);
    expect(pinned).toContain("model.safetensors");
  });

  it("returns RepoNotFound, RevisionNotFound and EntryNotFound like the Hub", async () => {
    hub = await startFakeHub({ repos: [repo()] });
    const missing = await errorOf(modelInfo({ name: "acme/none", hubUrl: hub.url }));
    expect(missing.statusCode).toBe(401);
    const badRev = await errorOf(modelInfo({ name: "acme/tiny", hubUrl: hub.url, revision: "nope" }));
    expect(badRev.statusCode).toBe(404);
    const res = await fetch(`${hub.url}/acme/tiny/resolve/main/nope.bin`);
    expect([res.status, res.headers.get("x-error-code")]).toEqual([404, "EntryNotFound"]);
    expect(await downloadFile({ repo: "acme/tiny", path: "nope.bin", hubUrl: hub.url })).toBeNull();
  });

  it("gates a repo: 401 without a token, 403 with a wrong one, 200 with the right one", async () => {
    hub = await startFakeHub({ repos: [{ ...repo(), gated: "manual" }], token: "hf_right" });
    expect((await errorOf(modelInfo({ name: "acme/tiny", hubUrl: hub.url }))).statusCode).toBe(401);
    expect((await errorOf(modelInfo({ name: "acme/tiny", hubUrl: hub.url, accessToken: "hf_wrong" }))).statusCode).toBe(403);
    const res = await fetch(`${hub.url}/acme/tiny/resolve/main/config.json`);
    expect([res.status, res.headers.get("x-error-code")]).toEqual([401, "GatedRepo"]);
    expect((await modelInfo({ name: "acme/tiny", hubUrl: hub.url, accessToken: "hf_right" })).gated).toBe("manual");
  });

  it("answers dataset info and dataset files", async () => {
    hub = await startFakeHub({ repos: [{ id: "acme/data", kind: "dataset", files: [{ path: "README.md", content: "# d" }], info: { cardData: { license: "cc-by-4.0" } } }] });
    const info = await datasetInfo({ name: "acme/data", hubUrl: hub.url, additionalFields: ["cardData"] });
    expect(info.cardData).toEqual({ license: "cc-by-4.0" });
    const blob = await downloadFile({ repo: { type: "dataset", name: "acme/data" }, path: "README.md", hubUrl: hub.url });
    expect(await blob?.text()).toBe("# d");
  });

  it("serves extra routes and records every request", async () => {
    hub = await startFakeHub({ repos: [] });
    hub.route("/advisories.json", (_req, res) => res.end("[]"));
    expect(await (await fetch(`${hub.url}/advisories.json`)).text()).toBe("[]");
    expect(hub.requests.map((r) => r.url)).toEqual(["/advisories.json"]);
  });
});
