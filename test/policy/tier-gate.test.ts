import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_POLICY, type Policy } from "../../src/policy/policy.js";
import { scan } from "../../src/scan.js";
import { renderJson } from "../../src/reporters/json.js";
import { CLEAN_REPO, FIXTURES } from "../cli/cli-harness.js";
import { COMMIT_A } from "../sources/hub-helpers.js";
import { assessmentOf, cleanOnHub, hubSample, scanCleanVariant, scanOnFakeHub } from "../assessment/assessment-helpers.js";

const withPolicy = (p: Partial<Policy>): Policy => ({ ...EMPTY_POLICY, ...p });
const REVIEWED = withPolicy({ waivers: [{ item: "training-pipeline", reviewer: "Dana Reviewer", reason: "training controls confirmed in vendor call SEC-88" }] });

describe("risk tiers on the clean example repo (local folder)", () => {
  it("passes Tier 1 and Tier 2 and fails Tier 3, which wants a pinned, verified, fully reviewed model", async () => {
    const t1 = await scan({ target: CLEAN_REPO, tier: 1 });
    const t2 = await scan({ target: CLEAN_REPO, tier: 2 });
    const t3 = await scan({ target: CLEAN_REPO, tier: 3 });
    expect([t1.verdict.passed, t2.verdict.passed, t3.verdict.passed]).toEqual([true, true, false]);
    expect(t3.verdict.tier).toEqual({ level: 3, passed: false });
    const tier = assessmentOf(t3).tier!;
    expect(tier.requirements.filter((r) => !r.met).map((r) => r.id)).toEqual(["revision-pinned", "files-verified"]);
    expect(tier.items.find((i) => i.id === "weight-integrity")?.reason).toMatch(/^review: Tier 3 accepts only pass/);
  });

  it("leaves the gate and the JSON report exactly as they were when no tier is chosen", async () => {
    const plain = await scan({ target: CLEAN_REPO });
    expect(plain.verdict.tier).toBeUndefined();
    expect(plain.sections.assessment).toBeUndefined();
    expect(JSON.parse(renderJson(plain))).not.toHaveProperty("assessment");
  });

  it("says why each item passed under the tier", async () => {
    const tier = assessmentOf(await scan({ target: CLEAN_REPO, tier: 1 })).tier!;
    expect(tier.items).toHaveLength(7);
    for (const item of tier.items) expect(item.reason).toMatch(new RegExp(`^${item.status}: Tier 1 accepts`));
  });
});

describe("a stricter tier fails what a looser one passes", () => {
  it("Tier 1 fails a NumPy object array (pickled data, medium) that the default gate lets through", async () => {
    const edit = (dir: string) => copyFileSync(join(FIXTURES, "numpy", "object.npy"), join(dir, "extra.npy"));
    const plain = await scanCleanVariant(edit);
    const t1 = await scanCleanVariant(edit, { tier: 1 });
    expect(plain.verdict.passed).toBe(true);
    expect(t1.verdict.passed).toBe(false);
    const req = assessmentOf(t1).tier!.requirements.find((r) => r.id === "no-unsafe-serialization");
    expect(req?.met).toBe(false);
    expect(req?.evidence[0]?.path).toBe("extra.npy");
  });

  it("Tier 2 fails the repo without its model card, which Tier 1 passes", async () => {
    const edit = (dir: string) => rmSync(join(dir, "README.md"));
    const t1 = await scanCleanVariant(edit, { tier: 1 });
    const t2 = await scanCleanVariant(edit, { tier: 2 });
    expect(t1.verdict.passed).toBe(true);
    expect(t2.verdict.passed).toBe(false);
    expect(assessmentOf(t2).tier!.requirements.filter((r) => !r.met).map((r) => r.id)).toEqual(["card-present", "card-training-data", "card-intended-use", "license-known"]);
  });

  it("Tier 2 fails a real card that names no training data (hub-samples Mistral-7B-Instruct-v0.2), which Tier 1 passes", async () => {
    const repo = hubSample("mistralai__Mistral-7B-Instruct-v0.2", "mistralai/Mistral-7B-Instruct-v0.2");
    const t1 = await scanOnFakeHub([repo], { tier: 1, revision: COMMIT_A });
    const t2 = await scanOnFakeHub([repo], { tier: 2, revision: COMMIT_A });
    expect(t1.verdict.passed).toBe(true);
    expect(assessmentOf(t2).tier?.passed).toBe(false);
    expect(assessmentOf(t2).tier!.requirements.filter((r) => !r.met).map((r) => r.id)).toContain("card-training-data");
  });

  it("Tier 2 takes a real card's sentence naming its data as training data (hub-samples DialoGPT-small: 147M dialogues from Reddit)", async () => {
    const t2 = await scanOnFakeHub([hubSample("microsoft__DialoGPT-small", "microsoft/DialoGPT-small")], { tier: 2, revision: COMMIT_A });
    expect(assessmentOf(t2).tier!.requirements.find((r) => r.id === "card-training-data")?.met).toBe(true);
  });

  it("Tier 2 counts a license named only by the LICENSE file as known (hub-samples Llama-2-7b-hf), and an unnamed other with no text as unknown", async () => {
    const llama = await scanOnFakeHub([hubSample("meta-llama__Llama-2-7b-hf", "meta-llama/Llama-2-7b-hf")], { tier: 2, revision: COMMIT_A });
    expect(assessmentOf(llama).tier!.requirements.find((r) => r.id === "license-known")?.met).toBe(true);
    expect(llama.findings.find((f) => f.ruleName === "license-missing")?.severity).toBe("low");
    const vicuna = await scanOnFakeHub([hubSample("ehartford__Wizard-Vicuna-30B-Uncensored", "ehartford/Wizard-Vicuna-30B-Uncensored")], { tier: 2, revision: COMMIT_A });
    expect(assessmentOf(vicuna).tier!.requirements.find((r) => r.id === "license-known")?.met).toBe(false);
  });

  it("Tier 2 passes a real, well-documented card (hub-samples flan-t5-base) through the fake Hub", async () => {
    const t2 = await scanOnFakeHub([hubSample("google__flan-t5-base", "google/flan-t5-base")], { tier: 2, revision: COMMIT_A });
    expect(assessmentOf(t2).tier?.requirements.filter((r) => !r.met)).toEqual([]);
    expect(assessmentOf(t2).tier?.passed).toBe(true);
  });
});

describe("Tier 3 on the Hub", () => {
  it("passes the clean model pinned to its commit when a waiver with a named reviewer accepts the item left for review", async () => {
    const report = await scanOnFakeHub(cleanOnHub(), { tier: 3, revision: COMMIT_A, policy: REVIEWED });
    const tier = assessmentOf(report).tier!;
    expect(tier.passed).toBe(true);
    expect(report.verdict.passed).toBe(true);
    const item = tier.items.find((i) => i.id === "training-pipeline");
    expect(item).toMatchObject({ status: "review", accepted: true, waiver: { reviewer: "Dana Reviewer" } });
    expect(item?.reason).toContain("reviewed by Dana Reviewer");
  });

  it("fails the same model when it is scanned at a branch instead of its commit", async () => {
    const report = await scanOnFakeHub(cleanOnHub(), { tier: 3, policy: REVIEWED });
    const pinned = assessmentOf(report).tier!.requirements.find((r) => r.id === "revision-pinned");
    expect(pinned?.met).toBe(false);
    expect(pinned?.reason).toContain(`resolved to ${COMMIT_A}`);
    expect(report.verdict.passed).toBe(false);
  });

  it("fails without the reviewed waiver: review is not enough under Tier 3", async () => {
    const report = await scanOnFakeHub(cleanOnHub(), { tier: 3, revision: COMMIT_A });
    expect(assessmentOf(report).tier!.items.filter((i) => !i.accepted).map((i) => i.id)).toEqual(["training-pipeline"]);
    expect(report.verdict.passed).toBe(false);
  });

  it("sets aside rule waivers that name no reviewer, and says so", async () => {
    const policy = withPolicy({ waivers: [{ rule: "MG-CARD-007", reason: "fine" }, ...REVIEWED.waivers] });
    const report = await scanCleanVariant((dir) => rmSync(join(dir, "README.md")), { tier: 3, policy });
    expect(assessmentOf(report).tier!.ignoredWaivers).toEqual([{ rule: "MG-CARD-007", reason: "fine", why: "Tier 3 honours only waivers that name a reviewer" }]);
    const t1 = await scanCleanVariant((dir) => rmSync(join(dir, "README.md")), { tier: 1, policy });
    expect(assessmentOf(t1).tier!.ignoredWaivers).toEqual([]);
  });
});

describe("where the tier comes from", () => {
  it("takes the policy file's tier, and an explicit tier beats it", async () => {
    const fromPolicy = await scan({ target: CLEAN_REPO, policy: withPolicy({ tier: 3 }) });
    expect(fromPolicy.verdict.tier?.level).toBe(3);
    const explicit = await scan({ target: CLEAN_REPO, policy: withPolicy({ tier: 3 }), tier: 1 });
    expect(explicit.verdict.tier).toEqual({ level: 1, passed: true });
  });

  it("uses the tier's fail-on severity unless one is given", async () => {
    expect((await scan({ target: CLEAN_REPO, tier: 3 })).verdict.failOn).toBe("medium");
    expect((await scan({ target: CLEAN_REPO, tier: 3, failOn: "critical" })).verdict.failOn).toBe("critical");
    expect((await scan({ target: CLEAN_REPO, tier: 3, policy: withPolicy({ failOn: "low" }) })).verdict.failOn).toBe("low");
  });
});
