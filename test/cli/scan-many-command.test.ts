import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLEAN_CACHE, CLEAN_REPO, FIXTURES, TAMPERED_CACHE, cli } from "./cli-harness.js";

/** The fixture HF cache answers `acme/tiny-model` and `acme/tampered-model` offline, like a Hub. */
const OFFLINE_HUB = { HF_HUB_CACHE: join(FIXTURES, "hf-cache"), HF_HUB_OFFLINE: "1" };

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function writeTemp(name: string, text: string): string {
  const d = mkdtempSync(join(tmpdir(), "modelgate-many-cli-"));
  temps.push(d);
  writeFileSync(join(d, name), text);
  return join(d, name);
}
const discover = (ids: string[]): string =>
  writeTemp("refs.json", JSON.stringify({ references: [...ids.map((id) => ({ id, kind: "model", revision: null, pinned: false, locations: [] })), { id: "org/data", kind: "dataset", revision: null, pinned: false, locations: [] }], dynamic: [] }));

interface ManyJson {
  kind?: string;
  shard?: { index: number; count: number };
  reports: { target: { repoId?: string; input: string } }[];
  errors: { input: string }[];
  skipped: { input: string }[];
}

describe("scan with several targets", () => {
  it("writes one JSON report per target and exits 1 when one of them fails the gate", async () => {
    const r = await cli(["scan", CLEAN_CACHE, TAMPERED_CACHE, "--format", "json"]);
    const json = JSON.parse(r.stdout) as ManyJson;
    expect(json.kind).toBe("multi");
    expect(json.reports.map((x) => x.target.repoId)).toEqual(["acme/tampered-model", "acme/tiny-model"]);
    expect(r.code).toBe(1);
  });

  it("keeps today's single-report JSON for one target", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--format", "json"]);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json["kind"]).toBeUndefined();
    expect(json["target"]).toMatchObject({ repoId: "acme/tiny-model" });
    expect(r.code).toBe(0);
  });

  it("exits 2 when one target cannot be scanned, after scanning the rest and naming it on stderr", async () => {
    const r = await cli(["scan", CLEAN_REPO, "acme/not-in-cache", "--format", "json"], OFFLINE_HUB);
    const json = JSON.parse(r.stdout) as ManyJson;
    expect(json.reports).toHaveLength(1);
    expect(json.errors.map((e) => e.input)).toEqual(["acme/not-in-cache"]);
    expect(r.stderr).toContain("acme/not-in-cache");
    expect(r.code).toBe(2);
  });

  it("refuses one --revision for several targets (exit 2)", async () => {
    const r = await cli(["scan", CLEAN_CACHE, TAMPERED_CACHE, "--revision", "v1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--revision applies to one target/);
  });

  it("exits 2 with no target and no --inventory", async () => {
    const r = await cli(["scan"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scan needs a target/);
  });
});

describe("scan --inventory and --shard", () => {
  it("scans every model a discover report lists and notes the dataset it skipped", async () => {
    const r = await cli(["scan", "--inventory", discover(["acme/tiny-model", "acme/tampered-model"]), "--format", "json"], OFFLINE_HUB);
    const json = JSON.parse(r.stdout) as ManyJson;
    expect(json.reports.map((x) => x.target.repoId)).toEqual(["acme/tampered-model", "acme/tiny-model"]);
    expect(json.skipped.map((s) => s.input)).toEqual(["org/data"]);
    expect(r.code).toBe(1);
  });

  it("splits the inventory into shards that together scan every model once", async () => {
    const inv = discover(["acme/tiny-model", "acme/tampered-model"]);
    const shards = await Promise.all([1, 2, 3].map((i) => cli(["scan", "--inventory", inv, "--shard", `${i}/3`, "--format", "json"], OFFLINE_HUB)));
    const per = shards.map((s) => (JSON.parse(s.stdout) as ManyJson).reports.map((x) => x.target.repoId ?? ""));
    expect(per.flat().sort()).toEqual(["acme/tampered-model", "acme/tiny-model"]);
    expect((JSON.parse(shards[0]?.stdout ?? "{}") as ManyJson).shard).toEqual({ index: 1, count: 3 });
  });

  it("writes a valid many-target report for an empty shard and exits 0", async () => {
    // With one model and two shards, one shard is empty; both must still write a report CI can merge.
    const inv = discover(["acme/tiny-model"]);
    const runs = await Promise.all(["1/2", "2/2"].map((s) => cli(["scan", "--inventory", inv, "--shard", s, "--format", "json"], OFFLINE_HUB)));
    const empty = runs.find((x) => (JSON.parse(x.stdout) as ManyJson).reports.length === 0);
    expect(empty?.code).toBe(0);
  });

  it("exits 2 for a discover reference it cannot scan (a legacy id), after scanning the others", async () => {
    const r = await cli(["scan", "--inventory", discover(["acme/tiny-model", "gpt2"]), "--format", "json"], OFFLINE_HUB);
    const json = JSON.parse(r.stdout) as ManyJson;
    expect(json.reports.map((x) => x.target.repoId)).toEqual(["acme/tiny-model"]);
    expect(json.errors.map((e) => e.input)).toEqual(["gpt2"]);
    expect(r.code).toBe(2);
  });

  it("exits 2 naming the file for an inventory that is not one", async () => {
    const r = await cli(["scan", "--inventory", writeTemp("bad.json", '{"hello": 1}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: not an inventory/);
  });

  it("exits 2 for malformed JSON and for a bad --shard", async () => {
    expect((await cli(["scan", "--inventory", writeTemp("broken.json", "{")])).stderr).toMatch(/broken\.json: not valid JSON/);
    const r = await cli(["scan", CLEAN_CACHE, "--shard", "3/2"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard "3\/2"/);
  });
});
