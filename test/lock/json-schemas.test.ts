import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffRevisions } from "../../src/diff/diff-revisions.js";
import { renderDiff } from "../../src/diff/render-diff.js";
import { checkLock } from "../../src/lock/check-lock.js";
import { explainMoveWith } from "../../src/lock/explain-move.js";
import { renderCheck } from "../../src/lock/render-check.js";
import { bytesOf, startFakeHub, type FakeHub, type FakeRepo } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B, tinyRepo } from "../sources/hub-helpers.js";
import { swappedRepo } from "../diff/diff-helpers.js";
import { lockedFromRepo, writeTempLock, type TempLock } from "./lock-helpers.js";

/** The JSON of `lock --check` and `diff`, in every state the tests can make, against their schemas. */
const SCHEMAS = join(import.meta.dirname, "..", "..", "schema");
const load = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(SCHEMAS, name), "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false });
ajv.addSchema(load("report.schema.json"));
ajv.addSchema(load("diff.schema.json"));
const validateCheck = ajv.compile(load("lock-check.schema.json"));
const validateDiff = ajv.getSchema("https://github.com/modelgate/modelgate/schema/diff.schema.json");

function errors(validate: typeof validateCheck | undefined, text: string): string[] {
  if (!validate) throw new Error("schema not compiled");
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

let hub: FakeHub;
let swapped: FakeRepo;
let gated: FakeRepo;
const locks: TempLock[] = [];
const dirs: string[] = [];
beforeAll(async () => {
  swapped = swappedRepo();
  gated = { ...tinyRepo({ id: "acme/gated-later" }) };
  hub = await startFakeHub({ repos: [swapped, gated] });
});
afterAll(async () => {
  await hub.close();
  for (const l of locks) l.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function lockOf(...repos: FakeRepo[]): string {
  const lock = writeTempLock(repos.map((r) => lockedFromRepo(r, COMMIT_A)));
  locks.push(lock);
  return lock.path;
}

describe("JSON schemas of lock --check and diff", () => {
  it("diff --format json of a weight swap validates against schema/diff.schema.json, findings in the scan report's shape", async () => {
    const d = await diffRevisions({ repoId: swapped.id, revA: COMMIT_A, revB: COMMIT_B, hubUrl: hub.url });
    const text = renderDiff("json", d);
    expect(errors(validateDiff, text)).toEqual([]);
    const json = JSON.parse(text) as { findings: Record<string, unknown>[] };
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings[0]).not.toHaveProperty("artifact");
  });

  it("lock --check JSON validates with a moved revision explained by the diff, a repo gone gated and an unlocked code reference", async () => {
    const lockFile = lockOf(swapped, gated);
    swapped.refs = { main: COMMIT_B };
    swapped.sha = COMMIT_B;
    gated.gated = "manual";
    const references = [{ id: "other/model", revision: null, locations: [{ path: "app/load.py", line: 9, snippet: 'from_pretrained("other/model")' }] }];
    const report = await checkLock({ lockFile, hub: { hubUrl: hub.url }, references, explainMove: explainMoveWith({ hubUrl: hub.url }) });
    expect(report.models.find((m) => m.id === swapped.id)?.moved?.details).not.toBeNull();
    expect(report.models.find((m) => m.id === gated.id)?.observations).toContainEqual({ state: "now-gated", gated: "manual" });
    expect(report.notAssessed).toHaveLength(1);
    expect(errors(validateCheck, renderCheck("json", report))).toEqual([]);
  });

  it("lock --check --local JSON validates with a changed and a missing file", async () => {
    const lockFile = lockOf(tinyRepo());
    const root = mkdtempSync(join(tmpdir(), "modelgate-json-local-"));
    dirs.push(root);
    for (const f of tinyRepo().files.slice(1)) {
      const path = join(root, "acme", "tiny-model", f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.path === "config.json" ? "{}\n" : bytesOf(f.content));
    }
    const report = await checkLock({ lockFile, localDir: root });
    expect(report.models[0]?.local?.differences.map((x) => x.state).sort()).toEqual(["changed", "missing"]);
    expect(errors(validateCheck, renderCheck("json", report))).toEqual([]);
  });
});
