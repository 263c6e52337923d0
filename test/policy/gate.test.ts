import { describe, expect, it } from "vitest";
import { applyPolicy, exitCodeFor, gate } from "../../src/policy/gate.js";
import { EMPTY_POLICY, type Policy } from "../../src/policy/policy.js";
import type { ArtifactRef } from "../../src/types/artifact.js";
import type { Finding, Severity } from "../../src/types/finding.js";

function finding(ruleId: string, severity: Severity, artifact?: ArtifactRef): Finding {
  const f: Finding = { ruleId, ruleName: `name-of-${ruleId}`, severity, message: "m", evidence: [], fingerprint: `${ruleId}:${artifact?.path ?? ""}` };
  if (artifact) f.artifact = artifact;
  return f;
}
const policy = (p: Partial<Policy>): Policy => ({ ...EMPTY_POLICY, ...p });
const TODAY = "2026-06-01";

describe("applyPolicy", () => {
  it("changes a rule's severity by id", () => {
    const [f] = applyPolicy([finding("MG-X-001", "high")], policy({ rules: { "MG-X-001": "low" } }), TODAY);
    expect(f?.severity).toBe("low");
  });

  it("changes a rule's severity by name", () => {
    const [f] = applyPolicy([finding("MG-X-001", "high")], policy({ rules: { "name-of-MG-X-001": "critical" } }), TODAY);
    expect(f?.severity).toBe("critical");
  });

  it("waives a finding whose rule and path match, with the reason", () => {
    const [f] = applyPolicy([finding("MG-X-001", "high", { path: "a.bin" })], policy({ waivers: [{ rule: "MG-X-001", path: "*.bin", reason: "known" }] }), TODAY);
    expect(f?.suppressed).toEqual({ reason: "known" });
  });

  it("does not waive a finding of another rule", () => {
    const [f] = applyPolicy([finding("MG-X-002", "high", { path: "a.bin" })], policy({ waivers: [{ rule: "MG-X-001", reason: "known" }] }), TODAY);
    expect(f?.suppressed).toBeUndefined();
  });

  it("does not waive a finding on another path", () => {
    const [f] = applyPolicy([finding("MG-X-001", "high", { path: "b.pt" })], policy({ waivers: [{ rule: "MG-X-001", path: "*.bin", reason: "known" }] }), TODAY);
    expect(f?.suppressed).toBeUndefined();
  });

  it("covers findings inside an archive member of the waived file", () => {
    const member: ArtifactRef = { path: "archive/data.pkl", parent: { path: "pytorch_model.bin" } };
    const [f] = applyPolicy([finding("MG-X-001", "high", member)], policy({ waivers: [{ rule: "MG-X-001", path: "pytorch_model.bin", reason: "known" }] }), TODAY);
    expect(f?.suppressed).toBeDefined();
  });

  it("waives a target-level finding with no path or a match-all path, never with a file path", () => {
    const withPath = applyPolicy([finding("MG-X-001", "high")], policy({ waivers: [{ rule: "MG-X-001", path: "**", reason: "r" }] }), TODAY);
    const withoutPath = applyPolicy([finding("MG-X-001", "high")], policy({ waivers: [{ rule: "MG-X-001", reason: "r" }] }), TODAY);
    expect(withPath[0]?.suppressed).toBeDefined();
    expect(withoutPath[0]?.suppressed).toBeDefined();
    const literal = applyPolicy([finding("MG-X-001", "high")], policy({ waivers: [{ rule: "MG-X-001", path: "a.bin", reason: "r" }] }), TODAY);
    expect(literal[0]?.suppressed).toBeUndefined();
  });

  it("applies a waiver up to and including its expiry date, not after", () => {
    const p = policy({ waivers: [{ rule: "MG-X-001", reason: "r", expires: "2026-06-01" }] });
    expect(applyPolicy([finding("MG-X-001", "high")], p, "2026-06-01")[0]?.suppressed).toBeDefined();
    expect(applyPolicy([finding("MG-X-001", "high")], p, "2026-06-02")[0]?.suppressed).toBeUndefined();
  });

  it("does not change the findings it was given", () => {
    const input = [finding("MG-X-001", "high", { path: "a.bin" })];
    applyPolicy(input, policy({ rules: { "MG-X-001": "low" }, waivers: [{ rule: "MG-X-001", reason: "r" }] }), TODAY);
    expect(input[0]?.severity).toBe("high");
    expect(input[0]?.suppressed).toBeUndefined();
  });
});

describe("gate", () => {
  const base = { incomplete: [], allowIncomplete: false };

  it("fails on a finding at the threshold", () => {
    expect(gate({ ...base, findings: [finding("A", "high")], failOn: "high" }).passed).toBe(false);
  });

  it("passes on findings below the threshold and counts them", () => {
    const v = gate({ ...base, findings: [finding("A", "medium"), finding("B", "info")], failOn: "high" });
    expect(v.passed).toBe(true);
    expect(v.counts).toMatchObject({ medium: 1, info: 1, high: 0 });
    expect(v.highest).toBe("medium");
  });

  it("ignores waived findings for the verdict and the counts", () => {
    const waived = { ...finding("A", "critical"), suppressed: { reason: "r" } };
    const v = gate({ ...base, findings: [waived], failOn: "low" });
    expect(v.passed).toBe(true);
    expect(v.counts.critical).toBe(0);
    expect(v.highest).toBeUndefined();
  });

  it("never fails with --fail-on none", () => {
    expect(gate({ ...base, findings: [finding("A", "critical")], failOn: "none" }).passed).toBe(true);
  });

  it("marks the verdict incomplete when something could not be checked", () => {
    expect(gate({ ...base, incomplete: [{ reason: "x" }], findings: [], failOn: "high" }).incomplete).toBe(true);
  });
});

describe("exitCodeFor", () => {
  const verdict = { failOn: "high" as const, counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } };

  it("gives 0 for a passed, complete scan", () => {
    expect(exitCodeFor({ ...verdict, passed: true, incomplete: false, allowIncomplete: false })).toBe(0);
  });

  it("gives 1 for a failed gate, even when the scan is also incomplete", () => {
    expect(exitCodeFor({ ...verdict, passed: false, incomplete: true, allowIncomplete: false })).toBe(1);
  });

  it("gives 3 for an incomplete scan that found nothing failing", () => {
    expect(exitCodeFor({ ...verdict, passed: true, incomplete: true, allowIncomplete: false })).toBe(3);
  });

  it("gives 0 for an incomplete scan with --allow-incomplete", () => {
    expect(exitCodeFor({ ...verdict, passed: true, incomplete: true, allowIncomplete: true })).toBe(0);
  });
});
