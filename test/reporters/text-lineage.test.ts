import { describe, expect, it } from "vitest";
import { lineageTree } from "../../src/reporters/text-lineage.js";
import { renderText } from "../../src/reporters/text.js";
import type { LineageEntry } from "../../src/summaries/lineage.js";
import type { Finding } from "../../src/types/finding.js";
import { sampleReport } from "./sample-report.js";

function entry(repoId: string, parent: string | null, extra: Partial<LineageEntry> = {}): LineageEntry {
  return { kind: "model", repoId, depth: 1, parent, status: "found", license: [], licenseName: null, gated: null, hasCard: true, relation: null, detail: null, ...extra };
}

describe("text lineage tree", () => {
  it("nests each base model under the repo whose card named it", () => {
    const lines = lineageTree("acme/chat", [
      entry("acme/base", null, { license: ["apache-2.0"], relation: "finetune" }),
      entry("meta/llama", "acme/base", { depth: 2, license: ["llama3"], gated: "manual" }),
      entry("other/adapter", null, { status: "not-found", hasCard: null }),
    ]);
    expect(lines).toEqual([
      "  acme/chat",
      "  ├─ acme/base (found; license apache-2.0; finetune)",
      "  │  └─ meta/llama (found; license llama3; gated: manual)",
      "  └─ other/adapter (not-found)",
    ]);
  });

  it("stops at a cycle instead of looping", () => {
    const lines = lineageTree("a/x", [entry("a/y", null), entry("a/x", "a/y", { status: "cycle", depth: 2 })]);
    expect(lines).toEqual(["  a/x", "  └─ a/y (found)", "     └─ a/x (cycle)"]);
  });

  it("lists datasets after the models", () => {
    const lines = lineageTree("a/x", [{ ...entry("d/set", null), kind: "dataset", status: "unverifiable", detail: "offline" }]);
    expect(lines).toEqual(["  a/x", "  datasets:", "    · d/set (unverifiable; offline)"]);
  });
});

describe("text findings", () => {
  it("folds more than three info findings of one rule into one line", () => {
    const base = sampleReport();
    const info = (path: string): Finding => ({
      ruleId: "MG-INT-002",
      ruleName: "integrity-unverifiable",
      severity: "info",
      message: `${path}: no published hash to verify against`,
      artifact: { path },
      evidence: [],
      fingerprint: path,
    });
    const report = { ...base, findings: ["a", "b", "c", "d", "e", "f"].map(info) };
    const text = renderText(report, { color: false });
    expect(text).toContain("MG-INT-002 integrity-unverifiable  ×6");
    expect(text).toContain("a, b, c, d, e, … 1 more");
    expect(text).not.toContain("a: no published hash");
  });
});
