import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { loadPolicy, mergeList, parsePolicy, unknownRuleRefs } from "../../src/policy/policy.js";

const dir = mkdtempSync(join(tmpdir(), "modelgate-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (text: string) => {
  const p = join(dir, `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(p, text);
  return loadPolicy(p);
};

describe("loadPolicy", () => {
  it("reads failOn, rule overrides, waivers and list entries", () => {
    const p = load(
      [
        "failOn: medium",
        "rules:",
        "  MG-INT-002: off",
        "  integrity-hash-mismatch: high",
        "waivers:",
        "  - rule: MG-PKL-001",
        "    path: '**/*.bin'",
        "    reason: vendor model, reviewed",
        "    expires: 2026-12-31",
        "lists:",
        "  safe-globals:",
        "    - { module: mylib, name: Layer, reason: ours }",
      ].join("\n"),
    );
    expect(p).toEqual({
      failOn: "medium",
      rules: { "MG-INT-002": "off", "integrity-hash-mismatch": "high" },
      waivers: [{ rule: "MG-PKL-001", path: "**/*.bin", reason: "vendor model, reviewed", expires: "2026-12-31" }],
      lists: { "safe-globals": [{ module: "mylib", name: "Layer", reason: "ours" }] },
    });
  });

  it("accepts an empty file as the empty policy", () => {
    expect(load("")).toEqual({ rules: {}, waivers: [], lists: {} });
  });

  it.each([
    ["a waiver without a reason", "waivers:\n  - rule: MG-X-001\n", /non-empty "reason"/],
    ["a waiver with a blank reason", "waivers:\n  - rule: MG-X-001\n    reason: '  '\n", /non-empty "reason"/],
    ["an unknown severity", "rules:\n  MG-X-001: severe\n", /severity or "off"/],
    ["an unknown failOn", "failOn: sometimes\n", /failOn must be/],
    ["an expiry that is not a date", "waivers:\n  - { rule: A, reason: r, expires: soon }\n", /YYYY-MM-DD/],
    ["an expiry that is not a calendar date", "waivers:\n  - { rule: A, reason: r, expires: 2026-02-30 }\n", /YYYY-MM-DD/],
    ["a year alone as expiry", "waivers:\n  - { rule: A, reason: r, expires: '2026' }\n", /YYYY-MM-DD/],
    ["a lists section that is not a mapping", "lists: [a, b]\n", /lists must be a mapping/],
    ["a top-level list", "- a\n", /must be a mapping/],
    ["a misspelled key", "waiver: []\n", /unknown key "waiver"/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => load(text)).toThrow(message);
  });

  it("refuses invalid YAML with a ConfigError", () => {
    expect(() => load("rules: {unclosed")).toThrow(ConfigError);
  });

  it("refuses a file that does not exist with a ConfigError", () => {
    expect(() => loadPolicy(join(dir, "absent.yaml"))).toThrow(ConfigError);
  });

  it("does not turn YAML tags into objects", () => {
    expect(() => load("failOn: !!js/function 'function(){}'\n")).toThrow(ConfigError);
  });
});

describe("parsePolicy", () => {
  it("reads requireSignature and refuses a value that is not a boolean", () => {
    expect(parsePolicy({ requireSignature: true }, "p").requireSignature).toBe(true);
    expect(() => parsePolicy({ requireSignature: "yes" }, "p")).toThrow("requireSignature must be true or false");
  });

  it("treats null as the empty policy", () => {
    expect(parsePolicy(null, "p")).toEqual({ rules: {}, waivers: [], lists: {} });
  });
});

describe("unknownRuleRefs", () => {
  const rules = [{ id: "MG-INT-001", name: "integrity-hash-mismatch" }];

  it("names rule ids and names that no rule has", () => {
    const p = parsePolicy({ rules: { "MG-INT-01": "off" }, waivers: [{ rule: "integrity-hash-mismatch", reason: "r" }, { rule: "MG-NOPE-001", reason: "r" }] }, "p");
    expect(unknownRuleRefs(p, rules)).toEqual(["MG-INT-01", "MG-NOPE-001"]);
  });

  it("is empty when every reference is a known id or name", () => {
    expect(unknownRuleRefs(parsePolicy({ rules: { "MG-INT-001": "low" } }, "p"), rules)).toEqual([]);
  });
});

describe("mergeList", () => {
  it("appends policy entries to a list's entries", () => {
    expect(mergeList({ entries: [{ a: 1 }], note: "x" }, [{ b: 2 }])).toEqual({ entries: [{ a: 1 }, { b: 2 }], note: "x" });
  });

  it("creates a list the rules do not ship", () => {
    expect(mergeList(undefined, [{ b: 2 }])).toEqual({ entries: [{ b: 2 }] });
  });

  it("returns the shipped list when the policy adds nothing", () => {
    const base = { entries: [] };
    expect(mergeList(base, undefined)).toBe(base);
  });
});
