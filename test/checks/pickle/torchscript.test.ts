import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanFiles } from "../../helpers/scan-files.js";

describe("TorchScript archives", () => {
  it("raise no error-level pickle finding for a benign torch.jit.save archive", async () => {
    const report = await scanFiles({ "model.pt": readFileSync("fixtures/torch/linear-script.pt") });
    const errors = report.findings.filter((f) => f.ruleId.startsWith("MG-PKL") && (f.severity === "critical" || f.severity === "high"));
    expect(errors.map((f) => f.message)).toEqual([]);
  });

  it("still flag a dunder reached through a __torch__ name", async () => {
    // GLOBAL '__torch__.Foo' then attribute path into internals: c__torch__\nFoo.__init__.__globals__\n.
    const pickle = new TextEncoder().encode("c__torch__\nFoo.__init__.__globals__\n.");
    const report = await scanFiles({ "x.pkl": pickle });
    expect(report.findings.some((f) => f.ruleName === "pickle-dangerous-global")).toBe(true);
  });
});
