import { describe, expect, it } from "vitest";
import { weightIntegrity } from "../../src/checklist/items/weight-integrity.js";
import { fact, type Fact } from "../../src/types/fact.js";
import type { VerificationState } from "../../src/types/report.js";
import { finding, itemContext } from "./item-context.js";

const digest = (path: string, state: VerificationState, note?: string): Fact => fact("integrity.digest", { state, ...(note ? { note } : {}) }, { path });

describe("checklist item 7, weight integrity", () => {
  it("passes when every file matches its published hash", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "verified"), digest("b", "verified")] }));
    expect(r.status).toBe("pass");
    expect(r.summary).toBe("all 2 file(s) match their published hashes");
  });

  it("fails on a hash mismatch finding", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "mismatch")], findings: [finding("MG-INT-001", "critical", "a")] }));
    expect(r.status).toBe("fail");
    expect(r.evidence[0]?.text).toContain("MG-INT-001");
  });

  it("says in its summary how many files differ, before the finding count", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "mismatch"), digest("b", "verified")], findings: [finding("MG-INT-001", "critical", "a")] }));
    expect(r.summary).toBe("1 verified, 1 differ from the published hash of 2 file(s); 1 finding(s) at medium severity or above");
  });

  it("asks for review when a file has no published hash, never passing it", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "verified"), digest("b", "unverifiable", "no published hash")] }));
    expect(r.status).toBe("review");
    expect(r.summary).toMatch(/^1 verified, 1 without a published hash of 2 file\(s\)/);
    expect(r.evidence.map((e) => e.text)).toEqual(["b: unverifiable (no published hash)"]);
  });

  it("lists an unverifiable file once, not again through its info finding", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("b", "unverifiable")], findings: [finding("MG-INT-002", "info", "b")] }));
    expect(r.evidence).toHaveLength(1);
  });

  it("asks for review when a file could not be read", () => {
    expect(weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "unreadable", "EACCES")] })).status).toBe("review");
  });

  it("asks for review when all files verify but a low finding remains", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "verified")], findings: [finding("MG-INT-099", "low", "a")] }));
    expect(r.status).toBe("review");
  });

  it("is not checked with --metadata-only when nothing was downloaded", () => {
    const r = weightIntegrity(itemContext("weight-integrity", { facts: [digest("a", "not-verified")], metadataOnly: true }));
    expect(r.status).toBe("not-checked");
    expect(r.summary).toMatch(/--metadata-only/);
  });

  it("is not checked when no file was hashed", () => {
    expect(weightIntegrity(itemContext("weight-integrity")).status).toBe("not-checked");
  });

  it("judges repo files only, not archive members", () => {
    const member = fact("integrity.digest", { state: "unverifiable" as const }, { path: "data.pkl", parent: { path: "model.bin" } });
    expect(weightIntegrity(itemContext("weight-integrity", { facts: [digest("model.bin", "verified"), member] })).status).toBe("pass");
  });
});
