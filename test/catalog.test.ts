import { describe, expect, it } from "vitest";
import { loadChecklist, loadRules } from "../src/catalog/load-rules.js";
import { checks } from "../src/checks/index.js";

describe("rules catalog", () => {
  const rules = loadRules();

  it("gives every rule a unique id and name", () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });

  it("has a check reporting every rule and a rule for every check", () => {
    const reported = new Set(checks.flatMap((c) => [c.name, ...(c.alsoReports ?? [])]));
    expect(rules.map((r) => r.name).filter((n) => !reported.has(n))).toEqual([]);
    expect([...reported].filter((n) => !rules.some((r) => r.name === n))).toEqual([]);
  });

  it("defines the seven checklist items in order", () => {
    expect(loadChecklist().map((i) => i.id)).toEqual([
      "model-source",
      "data-provenance",
      "pii-sanitization",
      "architecture-documentation",
      "training-pipeline",
      "dependency-scanning",
      "weight-integrity",
    ]);
  });
});
