import { describe, expect, it } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { findingsOf, scanFiles } from "../../helpers/scan-files.js";
import { buildSkops, logisticRegressionSchema, maliciousSchema, type SkopsNode } from "../../builders/skops.js";

const fn = (module_path: string, fnName: string): SkopsNode => ({ __class__: "function", __module__: module_path, __loader__: "FunctionNode", content: { module_path, function: fnName } });

ruleTester("skops-dangerous-type", {
  valid: [
    { name: "a LogisticRegression with numpy arrays", files: { "model.skops": buildSkops(logisticRegressionSchema()) } },
    { name: "a numpy ufunc referenced through a FunctionNode", files: { "model.skops": buildSkops(logisticRegressionSchema({ f: { __class__: "dtype", __module__: "numpy", __loader__: "DTypeNode", content: "<f8" } })) } },
  ],
  invalid: [
    {
      name: "operator.call over builtins.exec, with the OperatorFuncNode claiming a scikit-learn module (CVE-2025-54412)",
      files: { "model.skops": buildSkops(maliciousSchema()) },
      expect: (f) => {
        expect(f.map((x) => x.message).sort()).toEqual([
          "model.skops: schema.json makes skops import builtins.exec via FunctionNode at $.content.content.verbose.attrs.content[0]: code-execution, executes code",
          expect.stringMatching(/^model\.skops: schema\.json makes skops import operator\.call via OperatorFuncNode at \$\.content\.content\.verbose \(the node claims sklearn\.utils\._tags\.call\): /),
        ]);
        expect(f.every((x) => x.severity === "critical" && x.ruleId === "MG-SKP-001")).toBe(true);
      },
    },
    {
      name: "builtins.eval referenced by a FunctionNode",
      files: { "model.skops": buildSkops(logisticRegressionSchema({ tol: fn("builtins", "eval") })) },
      expect: (f) => expect(f[0]?.message).toContain("builtins.eval via FunctionNode"),
    },
    {
      name: "os.system through a module alias in an ObjectNode (posix.system)",
      files: { "model.skops": buildSkops(logisticRegressionSchema({ x: { __class__: "system", __module__: "posix", __loader__: "TypeNode" } })) },
      expect: (f) => expect(f[0]?.message).toContain("posix.system"),
    },
    {
      name: "a renamed skops archive is read by its schema.json member",
      files: { "weights.zip": buildSkops(logisticRegressionSchema({ tol: fn("subprocess", "Popen") })) },
      expect: (f) => expect(f[0]?.message).toContain("subprocess.Popen"),
    },
  ],
});

ruleTester("skops-unknown-type", {
  valid: [{ name: "scikit-learn, numpy and builtins types only", files: { "model.skops": buildSkops(logisticRegressionSchema({ extra: { __class__: "Pipeline", __module__: "sklearn.pipeline", __loader__: "ObjectNode", content: {} } })) } }],
  invalid: [
    {
      name: "a custom estimator class shipped by the model author",
      files: { "model.skops": buildSkops(logisticRegressionSchema({ est: { __class__: "MyEstimator", __module__: "my_pkg.models", __loader__: "ObjectNode", content: {} } })) },
      expect: (f) => {
        expect(f.map((x) => x.message)).toEqual(["model.skops: schema.json makes skops import my_pkg.models.MyEstimator via ObjectNode at $.content.content.est, which is on neither the safe nor the dangerous list"]);
        expect(f[0]?.severity).toBe("high");
      },
    },
  ],
});

describe("skops schema.json robustness", () => {
  it("a zip with a schema.json that is not a skops tree produces no skops finding", async () => {
    const report = await scanFiles({ "data.zip": buildSkops('{"$schema": "http://json-schema.org/draft-07/schema#", "__module__": 3}') });
    expect(report.findings.filter((f) => f.ruleId.startsWith("MG-SKP-"))).toEqual([]);
  });

  it("a schema.json nested deeper than MAX_JSON_DEPTH is a limit finding, not a crash", async () => {
    const deep = `${'{"__loader__":"DictNode","content":'.repeat(400)}{}${"}".repeat(400)}`;
    const report = await scanFiles({ "model.skops": buildSkops(deep) });
    expect(findingsOf(report, "general-limit-exceeded").map((f) => f.message)).toEqual(["model.skops: schema.json nests deeper than 256"]);
  });

  it("every truncation of a malicious schema.json is either still caught or reported as unparsable", async () => {
    const text = JSON.stringify(maliciousSchema());
    const cuts = new Set<number>([0, 1, 2, text.length - 1]);
    for (let n = 7; n < text.length; n += Math.max(1, Math.floor(text.length / 40))) cuts.add(n);
    for (const n of cuts) {
      const report = await scanFiles({ "model.skops": buildSkops(text.slice(0, n)) });
      const ids = report.findings.map((f) => f.ruleId);
      expect(ids.includes("MG-GEN-001") || ids.includes("MG-SKP-001"), `cut at ${n}: ${ids.join(",")}`).toBe(true);
      expect(ids).not.toContain("MG-GEN-004");
    }
  });
});
