import { describe, expect, it } from "vitest";
import { parsePep508, parsePyproject, parseRequirementsTxt } from "../../../src/inspectors/dependencies/parse-requirements.js";
import { scanFiles } from "../../helpers/scan-files.js";

describe("PEP 508 requirement lines", () => {
  it("drops extras and keeps the specifier", () => {
    expect(parsePep508("transformers[torch,sentencepiece] >= 4.30, < 4.36", 1)).toMatchObject({ package: "transformers", specifier: ">=4.30,<4.36" });
  });

  it("drops an environment marker", () => {
    expect(parsePep508('torch==2.5.1 ; python_version<"3.8" and sys_platform == "linux"', 1)).toMatchObject({ package: "torch", specifier: "==2.5.1" });
  });

  it("skips direct URL references, which carry no version", () => {
    expect(parsePep508("safetensors @ https://example.com/safetensors-0.3.0.whl", 1)).toBeUndefined();
  });

  it("reads requirements.txt options, hashes, comments and continuations", () => {
    const text = "-r base.txt\n--index-url https://pypi.example/simple\ntorch==2.5.1 \\\n    --hash=sha256:abc\nnumpy>=1.26  # comment\n-e .\ngit+https://github.com/x/y\n";
    expect(parseRequirementsTxt(text).map((r) => [r.package, r.specifier, r.line])).toEqual([
      ["torch", "==2.5.1", 3],
      ["numpy", ">=1.26", 5],
    ]);
  });

  it("turns Poetry caret and tilde constraints into PEP 440 ranges", () => {
    const text = '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = "^2.1"\nkeras = { version = "~3.7", optional = true }\n';
    expect(parsePyproject(text).map((r) => [r.package, r.specifier])).toEqual([
      ["torch", ">=2.1,<3"],
      ["keras", ">=3.7,<3.8"],
    ]);
  });
});

describe("advisory matching through a requirements file", () => {
  const vulnerable = async (line: string): Promise<string[]> => {
    const report = await scanFiles({ "requirements.txt": `${line}\n` });
    return report.findings.filter((f) => f.ruleId === "MG-ADV-001").map((f) => f.message.split(" is affected by ")[1]?.split(" ")[0] ?? "");
  };

  it("matches a pin with extras and a marker", async () => {
    expect(await vulnerable('torch[opt]==2.5.1 ; python_version>="3.9"')).toContain("GHSA-53q9-r3pm-6pq6");
  });

  it("matches a pre-release of the fixed version", async () => {
    expect(await vulnerable("transformers==4.36.0rc1")).toContain("GHSA-3863-2447-669p");
  });

  it("does not match a post-release or local build of the fixed version", async () => {
    expect(await vulnerable("transformers==4.36.0.post1")).not.toContain("GHSA-3863-2447-669p");
    expect(await vulnerable("torch==2.10.0+cu121")).toEqual([]);
  });

  it("matches a local build of an affected version", async () => {
    expect(await vulnerable("torch==2.5.1+cu121")).toContain("GHSA-53q9-r3pm-6pq6");
  });

  it("matches a compatible-release clause that stays below the fix", async () => {
    expect(await vulnerable("keras~=3.7.0")).toContain("GHSA-48g7-3x6r-xfhp");
    expect(await vulnerable("keras~=3.13")).toEqual([]);
  });

  it("ignores exclusions when deciding the allowed range", async () => {
    expect(await vulnerable("llama-cpp-python!=0.2.50,<0.2.70")).toContain("GHSA-56xg-wfcc-g829");
    expect(await vulnerable("llama-cpp-python!=0.2.72")).toEqual([]);
  });

  it("does not match a range that reaches the fixed version", async () => {
    expect(await vulnerable("transformers>=4.30,<=4.36.0")).not.toContain("GHSA-3863-2447-669p");
  });
});
