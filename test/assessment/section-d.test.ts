import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { CLEAN_REPO } from "../cli/cli-harness.js";
import { COMMIT_A } from "../sources/hub-helpers.js";
import { assessmentOf, cleanOnHub, scanOnFakeHub } from "./assessment-helpers.js";

const answer = (report: Awaited<ReturnType<typeof scan>>, q: number) => assessmentOf(report).sectionD.find((a) => a.question === q);

describe("Section D on a Hub scan", () => {
  it("answers question 28 with the files verified against the Hub's hashes and the commit", async () => {
    const report = await scanOnFakeHub(cleanOnHub(), { assessment: true });
    const a = answer(report, 28);
    expect(a?.status).toBe("answered");
    expect(a?.answer).toContain(`all 5 file(s) match the hashes the Hub publishes for acme/tiny-safetensors-clean at commit ${COMMIT_A}`);
    expect(a?.askVendor).toBeUndefined();
  });

  it("answers question 24 with the base model and dataset (with their licenses) and the saved-with library version", async () => {
    const a = answer(await scanOnFakeHub(cleanOnHub(), { assessment: true }), 24);
    expect(a?.status).toBe("answered");
    expect(a?.answer).toContain("Base models: acme/tiny-llama-base (apache-2.0)");
    expect(a?.answer).toContain("Datasets: roneneldan/TinyStories (cdla-sharing-1.0)");
    expect(a?.answer).toContain("transformers 4.51.3 (saved with)");
    expect(a?.answer).toContain("name no revisions");
    expect(a?.evidence.map((e) => e.path)).toContain("config.json");
  });

  it("answers question 26 with the advisory set's date and what was matched", async () => {
    const report = await scanOnFakeHub(cleanOnHub(), { assessment: true });
    const a = answer(report, 26);
    const set = report.sections.advisorySet;
    expect(set).toBeDefined();
    expect(a?.answer).toContain(`advisory set dated ${set?.date}`);
    expect(a?.answer).toContain("1 saved-with library version(s)");
  });
});

describe("Section D on a local scan", () => {
  it("answers question 28 only partly and turns the rest into a question for the vendor", async () => {
    const a = answer(await scan({ target: CLEAN_REPO, assessment: true }), 28);
    expect(a?.status).toBe("partial");
    expect(a?.answer).toContain("0 of 5 file(s)");
    expect(a?.answer).toContain("nothing published to compare with");
    expect(a?.askVendor).toMatch(/SHA-256 of every weight file/);
  });

  it("marks question 24 partial when the lineage could not be looked up", async () => {
    const a = answer(await scan({ target: CLEAN_REPO, assessment: true }), 24);
    expect(a?.status).toBe("partial");
    expect(a?.answer).toContain("could not be confirmed on the Hub");
  });

  it("says plainly that questions 25 and 29 are about the vendor's process and asks the vendor", async () => {
    const report = await scan({ target: CLEAN_REPO, assessment: true });
    for (const q of [25, 29]) {
      const a = answer(report, q);
      expect(a?.status).toBe("ask-vendor");
      expect(a?.answer).toMatch(/not visible to a model scan/);
      expect(a?.askVendor?.length).toBeGreaterThan(20);
    }
  });

  it("answers the six questions 24-29 in order, each with its text", async () => {
    const sd = assessmentOf(await scan({ target: CLEAN_REPO, assessment: true })).sectionD;
    expect(sd.map((a) => a.question)).toEqual([24, 25, 26, 27, 28, 29]);
    for (const a of sd) expect(a.text).toMatch(/\?$/);
  });
});
