import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseRulesYaml, readYaml } from "../../src/catalog/load-rules.js";
import { rulesDir } from "../../src/catalog/package-root.js";
import { buildRulesSnapshot, lookupRulesSnapshot, fromRulesSnapshot } from "../../src/catalog/rules-snapshot.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe("rules snapshot", () => {
  const snapshot = buildRulesSnapshot(parseRulesYaml);

  it("holds every rules/ YAML file, each giving the value the YAML parses to", () => {
    const paths = Object.keys(snapshot);
    expect(paths.length).toBeGreaterThan(100);
    expect(paths).toContain("checklist.yaml");
    for (const rel of paths) {
      const text = readFileSync(join(rulesDir(), rel), "utf8");
      expect(lookupRulesSnapshot(snapshot, rel, text), rel).toEqual(parseRulesYaml(rel, text));
    }
  });

  it("gives nothing for a text that changed since the snapshot was made, so the YAML is parsed", () => {
    const text = readFileSync(join(rulesDir(), "checklist.yaml"), "utf8");
    expect(lookupRulesSnapshot(snapshot, "checklist.yaml", `${text}\n# edited\n`)).toBeUndefined();
    expect(lookupRulesSnapshot(snapshot, "not-a-rule.yaml", text)).toBeUndefined();
    expect(lookupRulesSnapshot(null, "checklist.yaml", text)).toBeUndefined();
  });

  it("hands out a fresh value at each lookup, so a caller changing it cannot change the next", () => {
    const text = readFileSync(join(rulesDir(), "checklist.yaml"), "utf8");
    const first = lookupRulesSnapshot(snapshot, "checklist.yaml", text);
    expect(first).not.toBe(lookupRulesSnapshot(snapshot, "checklist.yaml", text));
  });

  it("leaves out a file JSON cannot carry exactly, and one that does not parse", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgate-snapshot-"));
    temps.push(dir);
    writeFileSync(join(dir, "plain.yaml"), "a: 1\nb: [x, y]\n");
    writeFileSync(join(dir, "infinite.yaml"), "limit: .inf\n");
    writeFileSync(join(dir, "broken.yaml"), "a: [1, 2\n");
    expect(Object.keys(buildRulesSnapshot(parseRulesYaml, dir))).toEqual(["plain.yaml"]);
  });

  it("is consulted only for files inside rules/", () => {
    expect(fromRulesSnapshot(join(tmpdir(), "elsewhere.yaml"), "a: 1\n")).toBeUndefined();
  });

  it("does not change what readYaml reports for a broken YAML file", () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgate-snapshot-"));
    temps.push(dir);
    writeFileSync(join(dir, "broken.yaml"), "a: [1, 2\n");
    expect(() => readYaml(join(dir, "broken.yaml"))).toThrow(/broken\.yaml: invalid YAML/);
  });
});
