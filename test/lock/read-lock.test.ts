import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { buildLock, renderLock } from "../../src/lock/build-lock.js";
import { digestOf } from "../../src/lock/canonical-json.js";
import type { LockedModel } from "../../src/lock/lock-file.js";
import { LockFileError } from "../../src/lock/lock-file-error.js";
import { parseLockFile } from "../../src/lock/read-lock.js";

const ROOT = join(import.meta.dirname, "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "schema", "lock.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

export function sampleModel(id = "acme/tiny-model", commit = "a1".repeat(20)): LockedModel {
  const entry: Omit<LockedModel, "digest"> = {
    id,
    revision: "main",
    commit,
    license: ["mit"],
    gated: false,
    private: false,
    verdict: { passed: true, failOn: "high", highest: "low", counts: { critical: 0, high: 0, medium: 0, low: 1, info: 2 }, waived: [] },
    checklist: {
      "model-source": "pass",
      "data-provenance": "review",
      "pii-sanitization": "not-checked",
      "architecture-documentation": "pass",
      "training-pipeline": "not-checked",
      "dependency-scanning": "pass",
      "weight-integrity": "pass",
    },
    files: [
      { path: "README.md", size: 10, gitSha1: "1".repeat(40), lfs: false },
      { path: "model.safetensors", size: 1000, sha256: "2".repeat(64), gitSha1: "3".repeat(40), lfs: true },
    ],
  };
  return { ...entry, digest: digestOf(entry as unknown as Record<string, unknown>, "digest") };
}

export function sampleLockText(): string {
  return renderLock(buildLock({ models: [sampleModel("zeta/b"), sampleModel("acme/tiny-model")], advisories: { date: "2026-11-30", count: 12 }, failOn: "high" }));
}

function problem(text: string): LockFileError {
  try {
    parseLockFile(text, "modelgate.lock.json");
  } catch (e) {
    if (e instanceof LockFileError) return e;
    throw e;
  }
  throw new Error("parsed without error");
}

function lineContaining(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}

describe("lock file reading", () => {
  it("writes a lock that the JSON schema accepts, models sorted by id", () => {
    const text = sampleLockText();
    const value = JSON.parse(text) as { models: { id: string }[] };
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(value.models.map((m) => m.id)).toEqual(["acme/tiny-model", "zeta/b"]);
  });

  it("accepts the lock it wrote", () => {
    expect(parseLockFile(sampleLockText(), "x").models).toHaveLength(2);
  });

  it("names the line of a JSON syntax error", () => {
    const text = sampleLockText().replace('"private": false,\n      "verdict"', '"private": false\n      "verdict"');
    const e = problem(text);
    expect(e.message).toMatch(/^modelgate\.lock\.json:\d+: not valid JSON/);
    expect(e.line).toBe(lineContaining(text, '"verdict"'));
  });

  it("refuses a lock from a newer schema and names the lockVersion line", () => {
    const text = sampleLockText().replace('"lockVersion": 1', '"lockVersion": 2');
    const e = problem(text);
    expect(e.message).toContain("lockVersion 2 is newer than this modelgate understands");
    expect(e.line).toBe(2);
  });

  it("names the line of a hash edited by hand, and the schema rejects a malformed one too", () => {
    const text = sampleLockText();
    const edited = text.replace('"sha256": "' + "2".repeat(64), '"sha256": "' + "4".repeat(64));
    const e = problem(edited);
    expect(e.message).toContain("acme/tiny-model@main does not match its digest");
    expect(e.line).toBe(lineContaining(text, '"id": "acme/tiny-model"') - 1);
    const bad = text.replace('"sha256": "' + "2".repeat(64), '"sha256": "xyz');
    expect(problem(bad).line).toBe(lineContaining(bad, '"sha256": "xyz'));
    expect(validate(JSON.parse(bad))).toBe(false);
  });

  it("refuses a model entry removed by hand through the integrity digest", () => {
    const value = JSON.parse(sampleLockText()) as { models: unknown[] };
    value.models.pop();
    const text = JSON.stringify(value, null, 2);
    const e = problem(text);
    expect(e.message).toContain("does not match its integrity digest");
    expect(e.line).toBe(lineContaining(text, '"integrity"'));
  });

  it("refuses an unknown key and names its line", () => {
    const text = sampleLockText().replace('"private": false,', '"private": false,\n      "approvedBy": "me",');
    const e = problem(text);
    expect(e.message).toContain('unknown key "approvedBy"');
    expect(e.line).toBe(lineContaining(text, "approvedBy"));
  });

  it("refuses a file that is not JSON at all, naming line 1", () => {
    expect(problem("models:\n  - a/b\n").line).toBe(1);
    expect(problem("").message).toContain("unexpected end of file");
  });
});
