import { describe, expect, it } from "vitest";
import { addDays } from "../../src/assessment/remediation.js";
import { EMPTY_POLICY, type Policy } from "../../src/policy/policy.js";
import { scan } from "../../src/scan.js";
import { CLEAN_REPO } from "../cli/cli-harness.js";
import { scanFiles } from "../helpers/scan-files.js";
import { assessmentOf } from "./assessment-helpers.js";

const CONFIG = '{"architectures":["GPT2LMHeadModel"],"model_type":"gpt2","transformers_version":"4.30.0"}\n';

describe("remediation plan", () => {
  it("turns every failed or review item into at least one action with an owner placeholder and a relative due date", async () => {
    const report = await scan({ target: CLEAN_REPO, tier: 3 });
    const a = assessmentOf(report);
    const open = report.checklist.filter((i) => i.status === "fail" || i.status === "review").map((i) => i.id);
    expect(open.length).toBeGreaterThan(0);
    for (const id of open) expect(a.remediation.some((r) => r.items.includes(id)), id).toBe(true);
    for (const r of a.remediation) {
      expect(r.owner).toBe("<owner>");
      expect(r.due.date).toBeUndefined();
      expect(r.text).not.toMatch(/\{\{/);
    }
  });

  it("turns unmet tier requirements into their actions: pin the revision, verify the files", async () => {
    const a = assessmentOf(await scan({ target: CLEAN_REPO, tier: 3 }));
    const pin = a.remediation.find((r) => r.id === "pin-revision");
    expect(pin?.requirements).toEqual(["revision-pinned"]);
    expect(pin?.due.days).toBe(7);
    expect(a.remediation.find((r) => r.id === "verify-weights")?.requirements).toEqual(["files-verified"]);
  });

  it("does not repeat an item's fallback when an action already resolves the item", async () => {
    const a = assessmentOf(await scan({ target: CLEAN_REPO, tier: 3 }));
    expect(a.remediation.find((r) => r.id === "verify-weights")?.items).toEqual(["weight-integrity"]);
    expect(a.remediation.map((r) => r.id)).not.toContain("item-weight-integrity");
    expect(a.remediation.map((r) => r.id)).toContain("item-training-pipeline");
  });

  it("asks for a model card within the tier's days when there is none", async () => {
    const t2 = assessmentOf(await scanFiles({ "config.json": CONFIG }, { tier: 2 }));
    const card = t2.remediation.find((r) => r.id === "require-model-card");
    expect(card?.text).toMatch(/is not documented: require a model card/);
    expect(card?.due.days).toBe(30);
    expect(card?.ruleIds).toEqual(["MG-CARD-001"]);
  });

  it("gives absolute due dates counted from --assessment-date", async () => {
    const a = assessmentOf(await scan({ target: CLEAN_REPO, tier: 3, assessmentDate: "2026-12-20" }));
    expect(a.date).toBe("2026-12-20");
    const pin = a.remediation.find((r) => r.id === "pin-revision");
    expect(pin?.due).toEqual({ days: 7, date: "2026-12-27" });
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });

  it("lists the soonest actions first", async () => {
    const a = assessmentOf(await scan({ target: CLEAN_REPO, tier: 3 }));
    const days = a.remediation.map((r) => r.due.days);
    expect(days).toEqual([...days].sort((x, y) => x - y));
  });

  it("applies the policy file's owner and its edits to an action's text and due days", async () => {
    const policy: Policy = {
      ...EMPTY_POLICY,
      remediation: { owner: "ML platform team", actions: { "pin-revision": { text: "Pin {{model}} to {{commit}} in the model registry (ticket MLP-1)", owner: "Release engineering", days: { "3": 2 } } } },
    };
    const a = assessmentOf(await scan({ target: CLEAN_REPO, tier: 3, policy }));
    const pin = a.remediation.find((r) => r.id === "pin-revision");
    expect(pin?.text).toBe(`Pin ${CLEAN_REPO} to <commit> in the model registry (ticket MLP-1)`);
    expect(pin?.owner).toBe("Release engineering");
    expect(pin?.due.days).toBe(2);
    expect(a.remediation.find((r) => r.id === "verify-weights")?.owner).toBe("ML platform team");
  });

  it("names the vulnerable package, its advisories and the version to upgrade to", async () => {
    const report = await scanFiles({ "README.md": "# m\n", "config.json": CONFIG, "requirements.txt": "transformers==4.30.0\n" }, { assessment: true });
    const upgrade = assessmentOf(report).remediation.filter((r) => r.id === "upgrade-loader");
    expect(upgrade).toHaveLength(1);
    expect(upgrade[0]?.text).toMatch(/^transformers 4\.30\.0 has known advisories \(GHSA-/);
    expect(upgrade[0]?.text).toMatch(/upgrade the loader to \d+\.\d+(\.\d+)? or later/);
  });
});
