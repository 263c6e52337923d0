import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { parsePolicy, unknownRuleRefs } from "../../src/policy/policy.js";

const parse = (raw: unknown) => parsePolicy(raw, "p.yaml");

describe("policy file: tier, reviewed waivers, remediation", () => {
  it("reads tier 1, 2 or 3 and refuses anything else", () => {
    expect(parse({ tier: 2 }).tier).toBe(2);
    expect(() => parse({ tier: 4 })).toThrow(/tier must be 1, 2 or 3/);
    expect(() => parse({ tier: "high" })).toThrow(ConfigError);
  });

  it("keeps a waiver's named reviewer", () => {
    expect(parse({ waivers: [{ rule: "MG-PKL-006", reason: "r", reviewer: "Ana Ng" }] }).waivers[0]).toEqual({ rule: "MG-PKL-006", reason: "r", reviewer: "Ana Ng" });
  });

  it("accepts a waiver for a checklist item or tier requirement only with a reviewer", () => {
    expect(parse({ waivers: [{ item: "training-pipeline", reason: "vendor call", reviewer: "Ana Ng" }] }).waivers[0]).toEqual({ item: "training-pipeline", reason: "vendor call", reviewer: "Ana Ng" });
    expect(() => parse({ waivers: [{ item: "training-pipeline", reason: "vendor call" }] })).toThrow(/needs a "reviewer"/);
    expect(() => parse({ waivers: [{ rule: "MG-PKL-006", item: "training-pipeline", reason: "x", reviewer: "A" }] })).toThrow(/both a rule and an item/);
    expect(() => parse({ waivers: [{ rule: "MG-PKL-006", reason: "x", reviewer: "  " }] })).toThrow(/reviewer must be a non-empty string/);
  });

  it("does not warn about item waivers as unknown rules", () => {
    expect(unknownRuleRefs(parse({ waivers: [{ item: "training-pipeline", reason: "r", reviewer: "A" }] }), [])).toEqual([]);
  });

  it("reads remediation edits and refuses malformed ones naming the key", () => {
    const p = parse({ remediation: { owner: "ML team", actions: { "pin-revision": { text: "Pin it", days: 3 }, "verify-weights": { days: { "3": 1 } } } } });
    expect(p.remediation).toEqual({ owner: "ML team", actions: { "pin-revision": { text: "Pin it", days: 3 }, "verify-weights": { days: { "3": 1 } } } });
    expect(() => parse({ remediation: { actions: { x: { days: -1 } } } })).toThrow(/remediation\.actions\.x\.days/);
    expect(() => parse({ remediation: { actions: { x: { days: { "4": 1 } } } } })).toThrow(/unknown tier "4"/);
    expect(() => parse({ remediation: { actions: { x: { colour: "red" } } } })).toThrow(/unknown key "colour"/);
    expect(() => parse({ remediation: { boss: "x" } })).toThrow(/unknown key "boss"/);
  });
});
