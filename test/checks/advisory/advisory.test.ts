import { describe, expect, it } from "vitest";
import { loadLists } from "../../../src/catalog/load-rules.js";
import { render } from "../../../src/reporters/index.js";
import { ruleTester } from "../../helpers/rule-tester.js";
import { scanFiles } from "../../helpers/scan-files.js";

ruleTester("advisory-vulnerable-requirement", {
  valid: [
    { name: "a pin at the fixed version", files: { "requirements.txt": "transformers==4.53.0\ntorch==2.10.0\n" } },
    { name: "an open-ended requirement", files: { "requirements.txt": "transformers>=4.0\n" } },
    { name: "a package with no advisory", files: { "requirements.txt": "tqdm==4.0.0\n" } },
  ],
  invalid: [
    {
      name: "a vulnerable torch pin names the advisory at its critical severity",
      files: { "requirements.txt": "# deps\ntorch==2.5.1  # pinned\n" },
      expect: (f) => {
        const hit = f.find((x) => x.message.includes("GHSA-53q9-r3pm-6pq6"));
        expect(hit?.severity).toBe("critical");
        expect(hit?.region?.startLine).toBe(2);
        expect(hit?.message).toContain("CVE-2025-32434");
        expect(hit?.message).toContain("torch 2.5.1 is affected by GHSA-53q9-r3pm-6pq6 (CVE-2025-32434, affected <2.6.0; fixed in 2.6.0)");
        expect(hit?.advisories).toEqual([{ id: "GHSA-53q9-r3pm-6pq6", aliases: ["CVE-2025-32434"], affected: "<2.6.0", fixed: ["2.6.0"] }]);
      },
    },
    { name: "a bounded range below a fix in setup.py", files: { "setup.py": "from setuptools import setup\nsetup(name='x', install_requires=[\n  'transformers>=4.30,<4.36',\n])\n" }, expect: (f) => expect(f.some((x) => x.message.includes("GHSA-3863-2447-669p"))).toBe(true) },
    { name: "a pyproject dependency pin", files: { "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "joblib==1.1.0",\n  "numpy>=1.20",\n]\n' }, expect: (f) => expect(f[0]?.message).toContain("GHSA-6hrg-qmvc-2xh8") },
    { name: "a release candidate before the fix", files: { "requirements-gpu.txt": "keras==3.8.0rc1\n" }, expect: (f) => expect(f.some((x) => x.message.includes("GHSA-48g7-3x6r-xfhp"))).toBe(true) },
    { name: "a name written with underscores and capitals", files: { "requirements.txt": "Llama_CPP_Python==0.2.60\n" }, expect: (f) => expect(f[0]?.message).toContain("GHSA-56xg-wfcc-g829") },
  ],
});

ruleTester("advisory-unpinned-requirement", {
  valid: [
    { name: "an exact pin", files: { "requirements.txt": "torch==2.10.0\n" } },
    { name: "a range above every fix", files: { "requirements.txt": "torch>=2.10.0,<3\n" } },
    // Every allowed version is affected: that is advisory-vulnerable-requirement's finding, not a note.
    { name: "a range below the fix", files: { "requirements.txt": "transformers>=4.30,<4.36\n" } },
  ],
  invalid: [
    {
      name: "an open requirement names the advisories it admits and the minimum safe version",
      files: { "requirements.txt": "torch>=1.0\n" },
      expect: (f) => {
        expect(f[0]?.severity).toBe("info");
        expect(f[0]?.message).toContain("GHSA-53q9-r3pm-6pq6");
        expect(f[0]?.message).toContain(">=2.10.0");
      },
    },
    {
      name: "a bounded range that allows affected and fixed versions",
      files: { "requirements.txt": "torch>=2.0,<=2.10.0\n" },
      expect: (f) => {
        expect(f[0]?.message).toBe("requirements.txt:1: torch >=2.0,<=2.10.0 is not pinned; it allows versions affected by GHSA-53q9-r3pm-6pq6 (CVE-2025-32434, affected <2.6.0; fixed in 2.6.0); CVE-2026-24747 (affected <2.10.0; fixed in 2.10.0); require >=2.10.0");
      },
    },
  ],
});

ruleTester("advisory-loader-version", {
  valid: [{ name: "a config without a saving version", files: { "config.json": JSON.stringify({ model_type: "bert" }) } }],
  invalid: [
    {
      name: "transformers_version is a note with the minimum safe loader version",
      files: { "config.json": JSON.stringify({ model_type: "bert", transformers_version: "4.31.0" }) },
      expect: (f) => {
        expect(f[0]?.severity).toBe("info");
        expect(f[0]?.message).toContain("4.31.0");
        expect(f[0]?.message).toMatch(/transformers >= 4\.\d+/);
        // The advisories are named, each with its range and fix, not counted.
        expect(f[0]?.message).not.toMatch(/affected by \d+ advisor/);
        expect(f[0]?.message).toContain("that version is affected by GHSA-3863-2447-669p (CVE-2023-6730, PYSEC-2023-300, affected <4.36.0; fixed in 4.36.0)");
        expect(f[0]?.evidence.map((e) => e.text)).toContain("GHSA-3863-2447-669p (CVE-2023-6730, PYSEC-2023-300, affected <4.36.0; fixed in 4.36.0)");
        expect(f[0]?.advisories?.length).toBe(f[0]?.evidence.length);
      },
    },
    { name: "library_name in the card front matter", files: { "README.md": "---\nlibrary_name: keras\n---\n# x\n" }, expect: (f) => expect(f[0]?.message).toContain("keras") },
  ],
});

describe("advisory set in the report", () => {
  it("records the set's date and fails the checklist item on a vulnerable pin", async () => {
    const report = await scanFiles({ "requirements.txt": "torch==2.5.1\n" });
    const item = report.checklist.find((i) => i.id === "dependency-scanning");
    expect(item?.status).toBe("fail");
  });

  it("names the set's date in the text, JSON, SARIF and Markdown reports", async () => {
    const date = (loadLists().get("advisories") as { date: string }).date;
    const report = await scanFiles({ "requirements.txt": "torch==2.5.1\n" });
    expect(render("text", report)).toContain(`advisory set: ${date}`);
    expect((JSON.parse(render("json", report)) as { advisorySet: { date: string } }).advisorySet.date).toBe(date);
    const sarif = JSON.parse(render("sarif", report)) as { runs: { properties: { advisorySet: { date: string } } }[] };
    expect(sarif.runs[0]?.properties.advisorySet.date).toBe(date);
    expect(render("markdown", report)).toContain(`- Advisory set: ${date} (`);
  });

  it("puts each advisory's ids, affected range and fixed versions in the JSON finding, the advisories section and the SARIF result properties", async () => {
    const report = await scanFiles({ "requirements.txt": "transformers==4.30.0\n" });
    const expected = { id: "GHSA-3863-2447-669p", aliases: ["CVE-2023-6730", "PYSEC-2023-300"], affected: "<4.36.0", fixed: ["4.36.0"] };
    const json = JSON.parse(render("json", report)) as {
      findings: { ruleId: string; advisories?: unknown[] }[];
      advisories: { id: string; affected: string; fixed: string[] }[];
    };
    const jsonHits = json.findings.filter((f) => f.ruleId === "MG-ADV-001").flatMap((f) => f.advisories ?? []);
    expect(jsonHits).toContainEqual(expected);
    expect(json.advisories.find((a) => a.id === expected.id)).toMatchObject({ affected: "<4.36.0", fixed: ["4.36.0"] });
    const sarif = JSON.parse(render("sarif", report)) as { runs: { results: { ruleId: string; properties?: { advisories?: unknown[] } }[] }[] };
    const sarifHits = (sarif.runs[0]?.results ?? []).filter((r) => r.ruleId === "MG-ADV-001").flatMap((r) => r.properties?.advisories ?? []);
    expect(sarifHits).toContainEqual(expected);
  });

  it("reports nothing above info when nothing is pinned vulnerable and no code ships", async () => {
    const report = await scanFiles({ "config.json": JSON.stringify({ model_type: "bert" }), "requirements.txt": "transformers==4.53.0\n" });
    const mine = report.findings.filter((f) => /^MG-(ADV|RMC|TPL)-/.test(f.ruleId) && f.severity !== "info");
    expect(mine).toEqual([]);
  });
});
