import { describe, expect, it } from "vitest";
import { loadAssessmentRules } from "../../src/assessment/assessment-rules.js";
import { loadChecklist, loadList, loadRules } from "../../src/catalog/load-rules.js";
import { loadTierProfile, loadTierRequirements, TIER_LEVELS } from "../../src/policy/tier-profile.js";

const ruleNames = new Set(loadRules().map((r) => r.name));
const data = loadAssessmentRules();
const requirementIds = new Set(loadTierRequirements().map((r) => r.id));

describe("assessment data in rules/ (tiers, Section D, scoring, red flags, remediation)", () => {
  it("loads the three tier profiles, each at least as strict as the one before", () => {
    const [t1, t2, t3] = TIER_LEVELS.map((l) => loadTierProfile(l));
    for (const [loose, strict] of [[t1, t2], [t2, t3]] as const) {
      for (const id of loadChecklist().map((i) => i.id)) for (const s of strict!.items[id]) expect(loose!.items[id], `${id} ${s}`).toContain(s);
      for (const r of loose!.requirements) expect(strict!.requirements.map((x) => x.id)).toContain(r.id);
    }
  });

  it("names only rules that exist", () => {
    const named = [...loadTierRequirements().flatMap((r) => r.rules), ...data.redFlags.flatMap((f) => f.rules), ...data.remediation.actions.flatMap((a) => a.rules)];
    expect(named.filter((n) => !ruleNames.has(n))).toEqual([]);
  });

  it("names only tier requirements that exist in remediation actions", () => {
    expect(data.remediation.actions.flatMap((a) => a.requirements).filter((r) => !requirementIds.has(r))).toEqual([]);
  });

  it("has a remediation action for every tier requirement", () => {
    const covered = new Set(data.remediation.actions.flatMap((a) => a.requirements));
    expect([...requirementIds].filter((r) => !covered.has(r))).toEqual([]);
  });

  it("asks Section D questions 24 to 29", () => {
    expect(data.sectionD.map((q) => q.number)).toEqual([24, 25, 26, 27, 28, 29]);
  });

  it("scores each red flag against a scored dimension", () => {
    const scored = new Set(data.scoring.dimensions.filter((d) => d.scored).map((d) => d.id));
    for (const f of data.redFlags) expect(scored.has(f.scoreDimension), f.id).toBe(true);
  });

  it("gives every vetted publisher a reason", () => {
    const list = loadList("vetted-publishers") as { entries: { owner: string; reason: string }[] };
    for (const e of list.entries) expect(e.reason.length, e.owner).toBeGreaterThan(10);
  });
});
