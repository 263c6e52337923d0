import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exitCodeForMany } from "../src/policy/aggregate.js";
import { scanMany } from "../src/scan-many.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "./support/fake-hub.js";
import { COMMIT_A, tinyRepo, weights } from "./sources/hub-helpers.js";

const CLEAN_REPO = join(import.meta.dirname, "..", "fixtures", "repos", "tiny-safetensors-clean");

let hub: FakeHub | undefined;
const temps: string[] = [];
afterEach(async () => {
  await hub?.close();
  hub = undefined;
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function cacheDir(): string {
  const d = mkdtempSync(join(tmpdir(), "modelgate-many-"));
  temps.push(d);
  return d;
}

function cardModel(id: string, base: string): FakeRepo {
  const readme = `---\nlicense: mit\nbase_model: ${base}\n---\n# ${id}\n`;
  return { id, sha: COMMIT_A, refs: { main: COMMIT_A }, info: { cardData: { license: "mit", base_model: base } }, files: [{ path: "README.md", content: readme }, { path: "config.json", content: '{"model_type":"gpt2"}\n' }] };
}

describe("scanMany", () => {
  it("scans Hub models and a local folder in one run, a report per target sorted by target key", async () => {
    const tampered = tinyRepo({ id: "acme/b-tampered" });
    const part = tampered.files[2];
    if (part) part.served = weights(5000, 3);
    hub = await startFakeHub({ repos: [tinyRepo({ id: "acme/a-clean" }), tampered] });
    const many = await scanMany({ targets: ["acme/b-tampered", CLEAN_REPO, "acme/a-clean"], hubUrl: hub.url, cacheDir: cacheDir() });
    expect(many.reports.map((r) => [r.target.repoId ?? r.target.kind, r.verdict.passed])).toEqual([
      ["acme/a-clean", true],
      ["acme/b-tampered", false],
      ["local-dir", true],
    ]);
    expect(many.verdict.passed).toBe(false);
    expect(many.verdict.counts.critical).toBe(many.reports.reduce((n, r) => n + r.verdict.counts.critical, 0));
    expect(exitCodeForMany(many)).toBe(1);
  });

  it("asks the Hub once for a base model that several targets name (one lookup memo per run)", async () => {
    hub = await startFakeHub({ repos: [cardModel("acme/one", "org/base"), cardModel("acme/two", "org/base"), cardModel("acme/three", "org/base"), { id: "org/base", files: [{ path: "README.md", content: "# base\n" }], info: { cardData: { license: "mit" } } }] });
    const many = await scanMany({ targets: ["acme/one", "acme/two", "acme/three"], hubUrl: hub.url, cacheDir: cacheDir(), metadataOnly: true });
    expect(many.reports.map((r) => r.sections.lineage.map((l) => [l.repoId, l.status]))).toEqual([
      [["org/base", "found"]],
      [["org/base", "found"]],
      [["org/base", "found"]],
    ]);
    expect(hub.requests.filter((r) => r.url.startsWith("/api/models/org/base")).length).toBe(1);
  });

  it("records a target that cannot be scanned as an error, scans the others, and exits 2", async () => {
    hub = await startFakeHub({ repos: [tinyRepo()] });
    const many = await scanMany({ targets: ["acme/tiny-model", "acme/no-such-model"], hubUrl: hub.url, cacheDir: cacheDir(), metadataOnly: true });
    expect(many.reports.map((r) => r.target.repoId)).toEqual(["acme/tiny-model"]);
    expect(many.errors).toEqual([{ input: "acme/no-such-model", code: "MG_E_SOURCE", message: expect.stringContaining("repository not found") }]);
    expect(exitCodeForMany(many)).toBe(2);
  });

  it("refuses one signature bundle for several targets: a bundle signs one model", async () => {
    const bundle = { name: "release.sig", bytes: new Uint8Array([123, 125]) };
    await expect(scanMany({ targets: [CLEAN_REPO, join(CLEAN_REPO, "..")], signing: { bundle } })).rejects.toThrow("--signature names the bundle of one model");
  });

  it("scans a target listed twice once and says so", async () => {
    const many = await scanMany({ targets: [CLEAN_REPO, CLEAN_REPO] });
    expect(many.reports).toHaveLength(1);
    expect(many.skipped).toEqual([{ input: CLEAN_REPO, reason: "listed more than once; scanned once" }]);
  });

  it("reports one progress event per target with the running count", async () => {
    hub = await startFakeHub({ repos: [tinyRepo({ id: "acme/x" }), tinyRepo({ id: "acme/y" })] });
    const seen: string[] = [];
    await scanMany({ targets: ["acme/x", "acme/y", "acme/z"], hubUrl: hub.url, cacheDir: cacheDir(), metadataOnly: true, onTarget: (e) => seen.push(`${e.done}/${e.total} ${e.input} ${e.error ? "error" : "ok"}`) });
    expect(seen.map((s) => s.replace(/^\d+/, "n")).sort()).toEqual(["n/3 acme/x ok", "n/3 acme/y ok", "n/3 acme/z error"]);
    expect(seen.map((s) => s.split(" ")[0])).toEqual(["1/3", "2/3", "3/3"]);
  });
});
