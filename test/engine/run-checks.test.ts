import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/engine/run-checks.js";
import { loadRules } from "../../src/catalog/load-rules.js";
import { defineCheck } from "../../src/types/check.js";
import { fact } from "../../src/types/fact.js";

const rules = loadRules();
const target = { kind: "local-dir" as const, input: "x" };

describe("runChecks", () => {
  it("formats the rule's message with the reported data", () => {
    const check = defineCheck({
      name: "general-unreadable",
      consumes: ["scan.unreadable"],
      check(f, ctx) {
        ctx.report({ data: { path: "a.bin", message: f.data.message }, artifact: { path: "a.bin" } });
      },
    });
    const { findings } = runChecks({ checks: [check], rules, facts: [fact("scan.unreadable", { message: "EACCES" }, { path: "a.bin" })], files: [], target, list: () => undefined });
    expect(findings.map((f) => f.message)).toEqual(["a.bin: could not be read: EACCES"]);
    expect(findings[0]?.ruleId).toBe("MG-GEN-003");
  });

  it("turns a check that throws into a failure instead of crashing the scan", () => {
    const check = defineCheck({
      name: "general-unreadable",
      consumes: ["scan.unreadable"],
      check() {
        throw new Error("boom");
      },
    });
    const result = runChecks({ checks: [check], rules, facts: [fact("scan.unreadable", { message: "x" })], files: [], target, list: () => undefined });
    expect(result.failures).toEqual([{ check: "general-unreadable", message: "boom" }]);
  });

  it("drops a second finding with the same fingerprint", () => {
    const check = defineCheck({
      name: "general-unreadable",
      consumes: ["scan.unreadable"],
      check(_f, ctx) {
        ctx.report({ data: { path: "a", message: "m" }, artifact: { path: "a" } });
        ctx.report({ data: { path: "a", message: "m" }, artifact: { path: "a" } });
      },
    });
    const { findings } = runChecks({ checks: [check], rules, facts: [fact("scan.unreadable", { message: "x" })], files: [], target, list: () => undefined });
    expect(findings).toHaveLength(1);
  });
});
