import { describe, expect, it } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

ruleTester("provenance-lineage-unverifiable", {
  valid: [{ name: "a local card that names no base model or dataset", files: { "README.md": card("license: mit", GOOD_BODY) } }],
  invalid: [
    {
      name: "a local folder: base model and datasets cannot be looked up, so they are not passed",
      files: { "README.md": card("license: mit\nbase_model: o/a\ndatasets: [o/d]", GOOD_BODY) },
      expect: (f) =>
        expect(f.map((x) => x.message)).toEqual([
          "base model o/a was not verified: local target: lineage is not looked up on the Hub",
          "dataset o/d was not verified: local target: lineage is not looked up on the Hub",
        ]),
    },
  ],
});

describe("provenance-lineage-unverifiable through the Hub", () => {
  const run = async (models: Parameters<typeof handHub>[0]) =>
    (await scanRepo({ "README.md": card("license: mit\nbase_model: o/a", GOOD_BODY) }, HUB_TARGET, handHub(models))).findings.filter((f) => f.ruleName === "provenance-lineage-unverifiable");

  it("valid: the base model was read", async () => {
    expect(await run({ "o/a": { cardData: { license: "mit" } } })).toEqual([]);
  });

  it("invalid: a gated base model whose card could not be read", async () => {
    const [f] = await run({ "o/a": { gated: "manual", error: "gated: access not granted" } });
    expect(f?.message).toBe("base model o/a was not verified: gated: access not granted");
  });
});
