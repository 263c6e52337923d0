import { describe, expect, it } from "vitest";
import { discoverFiles } from "../../discover/temp-codebase.js";

const SHA = "e7da7f221d5bf496a48136c0cd264e630fe9fcc8";
const IMPORT = "from transformers import AutoModel\n";

function unpinned(files: Record<string, string>): string[] {
  return discoverFiles(files)
    .findings.filter((f) => f.ruleId === "MG-DSC-001")
    .map((f) => `${f.artifact?.path ?? ""}:${f.region?.startLine ?? 0} ${f.message}`);
}

describe("discover-unpinned-reference (MG-DSC-001)", () => {
  it("valid: a reference pinned to a 40-hex commit", () => {
    expect(unpinned({ "a.py": `${IMPORT}AutoModel.from_pretrained("acme/m", revision="${SHA}")\n` })).toEqual([]);
  });

  it("valid: a codebase with no Hub reference", () => {
    expect(unpinned({ "a.py": "print('hello')\n" })).toEqual([]);
  });

  it("invalid: no revision, reported at the call's line", () => {
    expect(unpinned({ "a.py": `${IMPORT}\nAutoModel.from_pretrained("acme/m")\n` })).toEqual(["a.py:3 model acme/m is loaded without a revision (the default branch); pin it to a commit SHA"]);
  });

  it("invalid: a branch or tag as revision", () => {
    expect(unpinned({ "a.py": `${IMPORT}AutoModel.from_pretrained("acme/m", revision="v2.0")\n` })).toEqual(['a.py:2 model acme/m is loaded at "v2.0", which is a branch or tag; pin it to a commit SHA']);
  });

  it("invalid: a short commit SHA is not a pin (a prefix can become ambiguous, and branches can be named like one)", () => {
    expect(unpinned({ "a.py": `${IMPORT}AutoModel.from_pretrained("acme/m", revision="${SHA.slice(0, 7)}")\n` })).toHaveLength(1);
  });

  it("invalid: one finding per location of the same unpinned repo", () => {
    expect(unpinned({ "a.py": `${IMPORT}AutoModel.from_pretrained("acme/m")\nAutoModel.from_pretrained("acme/m")\n` })).toHaveLength(2);
  });
});

describe("discover-dynamic-reference (MG-DSC-002)", () => {
  it("invalid: an info finding at a call whose repo is an f-string", () => {
    const r = discoverFiles({ "a.py": `${IMPORT}AutoModel.from_pretrained(f"acme/{size}")\n` });
    expect(r.findings.filter((f) => f.ruleId === "MG-DSC-002").map((f) => [f.severity, f.region?.startLine])).toEqual([["info", 2]]);
  });

  it("valid: a literal repo id is not dynamic", () => {
    const r = discoverFiles({ "a.py": `${IMPORT}AutoModel.from_pretrained("acme/m")\n` });
    expect(r.findings.filter((f) => f.ruleId === "MG-DSC-002")).toEqual([]);
  });
});
