import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "../../support/fake-hub.js";
import { GOOD_BODY, card } from "./harness.js";

let hub: FakeHub | undefined;
let cacheDir: string | undefined;

afterEach(async () => {
  await hub?.close();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  hub = undefined;
  cacheDir = undefined;
});

function model(id: string, cardData: Record<string, unknown>, readme?: string): FakeRepo {
  return { id, files: readme === undefined ? [] : [{ path: "README.md", content: readme }], info: { cardData } };
}

async function scanThroughHub(repos: FakeRepo[], token?: string) {
  hub = await startFakeHub({ repos, ...(token ? { token } : {}) });
  cacheDir = mkdtempSync(join(tmpdir(), "modelgate-lineage-"));
  return scan({ target: "acme/model", hubUrl: hub.url, cacheDir });
}

describe("lineage through the fake Hub", () => {
  it("follows base_model through real Hub responses and reports a cycle once, with its chain", async () => {
    const readme = card("license: apache-2.0\nbase_model: org/a\ndatasets: [org/data]", GOOD_BODY);
    const report = await scanThroughHub([
      { ...model("acme/model", { license: "apache-2.0", base_model: "org/a" }, readme) },
      model("org/a", { license: "apache-2.0", base_model: "org/b" }, "# A\n"),
      model("org/b", { license: "apache-2.0", base_model: "org/a" }),
      { id: "org/data", kind: "dataset", files: [{ path: "README.md", content: "# Data\nUser names were anonymized.\n" }], info: { cardData: { license: "cc-by-4.0" } } },
    ]);
    expect(report.sections.lineage.map((l) => [l.kind, l.repoId, l.depth, l.status])).toEqual([
      ["model", "org/a", 1, "found"],
      ["model", "org/b", 2, "found"],
      ["model", "org/a", 3, "cycle"],
      ["dataset", "org/data", 1, "found"],
    ]);
    expect(report.findings.filter((f) => f.ruleName === "provenance-lineage-cycle").map((f) => f.message)).toEqual(["base_model chain loops: org/a → org/b → org/a"]);
    expect(report.sections.lineage.find((l) => l.kind === "dataset")?.piiStatements).toEqual([{ line: 2, text: "User names were anonymized." }]);
    expect(report.checklist.find((i) => i.id === "pii-sanitization")?.status).toBe("pass");
  });

  it("reports a missing ancestor and leaves item 2 failing, not passing", async () => {
    const report = await scanThroughHub([model("acme/model", { license: "mit", base_model: "org/a" }, card("license: mit\nbase_model: org/a\ndatasets: [wikitext]", GOOD_BODY)), model("org/a", { license: "mit", base_model: "ghost/base" })]);
    expect(report.sections.lineage.map((l) => [l.repoId, l.status])).toEqual([
      ["org/a", "found"],
      ["ghost/base", "not-found"],
      ["wikitext", "not-found"],
    ]);
    expect(report.findings.filter((f) => f.ruleName === "provenance-base-model-missing").map((f) => f.message)).toEqual([
      "base model ghost/base (base model of org/a): no such repository on the Hub (deleted, renamed, private or mistyped)",
    ]);
    expect(report.checklist.find((i) => i.id === "data-provenance")?.status).toBe("fail");
    expect(report.sections.card).toMatchObject({ present: true, license: ["mit"], baseModels: ["org/a"], datasets: ["wikitext"] });
  });

  it("reads a gated ancestor's public metadata although its README is refused, and follows its base_model", async () => {
    const gated: FakeRepo = { ...model("meta/gated", { license: "llama3.1", base_model: "meta/root" }, "# Gated\n"), gated: "manual", publicMetadata: true };
    const report = await scanThroughHub(
      [model("acme/model", { license: "llama3.1", base_model: "meta/gated" }, card("license: llama3.1\nbase_model: meta/gated", GOOD_BODY)), gated, model("meta/root", { license: "llama3.1" }, "# Root\n")],
      "hf_someoneElsesTokenValue000000",
    );
    expect(report.sections.lineage.map((l) => [l.repoId, l.status, l.license.join(), l.gated])).toEqual([
      ["meta/gated", "found", "llama3.1", "manual"],
      ["meta/root", "found", "llama3.1", false],
    ]);
    expect(report.sections.lineage[0]?.detail).toMatch(/^card text not read: /);
    expect(report.findings.filter((f) => f.ruleId.startsWith("MG-PROV"))).toEqual([]);
  });
});
