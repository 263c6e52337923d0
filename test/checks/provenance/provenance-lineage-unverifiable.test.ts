import { describe, expect, it } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

ruleTester("provenance-lineage-unverifiable", {
  valid: [{ name: "a local card that names no base model or dataset", files: { "README.md": card("license: mit", GOOD_BODY) } }],
  invalid: [
    {
      name: "a local folder: one dataset cannot be looked up, so it is not passed",
      files: { "README.md": card("license: mit\ndatasets: [o/d]", GOOD_BODY) },
      expect: (f) => expect(f.map((x) => x.message)).toEqual(["dataset o/d was not verified: local target: lineage is not looked up on the Hub"]),
    },
    {
      name: "a local folder: base model and datasets are one finding listing each, at the fields' lines",
      files: { "README.md": card("license: mit\nbase_model: o/a\ndatasets: [o/d, o/e]", GOOD_BODY) },
      expect: (f) => {
        expect(f.map((x) => x.message)).toEqual(["1 base model and 2 datasets named in the card were not verified (local target: lineage is not looked up on the Hub): o/a, o/d, o/e"]);
        expect(f[0]?.region).toMatchObject({ startLine: 3, endLine: 4 });
        expect(f[0]?.evidence.map((e) => e.text)).toEqual(["base model o/a: not verified", "dataset o/d: not verified", "dataset o/e: not verified"]);
      },
    },
    {
      name: "a local folder: a card naming many datasets names the first ten in the message",
      files: { "README.md": card(`license: mit\ndatasets: [${Array.from({ length: 12 }, (_, i) => `o/d${i}`).join(", ")}]`, GOOD_BODY) },
      expect: (f) => {
        expect(f).toHaveLength(1);
        expect(f[0]?.message).toMatch(/: o\/d0, o\/d1, .*, o\/d9 and 2 more$/);
        expect(f[0]?.evidence).toHaveLength(12);
      },
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
