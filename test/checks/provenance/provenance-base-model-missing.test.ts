import { describe, expect, it } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

const findings = async (front: string, models: Parameters<typeof handHub>[0]) =>
  (await scanRepo({ "README.md": card(front, GOOD_BODY) }, HUB_TARGET, handHub(models))).findings.filter((f) => f.ruleName === "provenance-base-model-missing");

describe("provenance-base-model-missing", () => {
  it("valid: every ancestor exists", async () => {
    expect(await findings("license: mit\nbase_model: o/a", { "o/a": { cardData: { license: "mit" } } })).toEqual([]);
  });

  it("invalid: an ancestor two hops up is not on the Hub", async () => {
    const [f] = await findings("license: mit\nbase_model: o/a", { "o/a": { cardData: { license: "mit", base_model: "gone/base" } } });
    expect(f?.message).toBe("base model gone/base (base model of o/a): no such repository on the Hub (deleted, renamed, private or mistyped)");
  });

  it("invalid: the card's own base model is missing, located at the base_model line", async () => {
    const [f] = await findings("license: mit\nbase_model: nobody/nothing", {});
    expect(f?.region).toMatchObject({ startLine: 3, endLine: 3 });
  });
});

ruleTester("provenance-base-model-missing", {
  valid: [{ name: "a local card with a well-formed base model id", files: { "README.md": card("license: mit\nbase_model: o/a", GOOD_BODY) } }],
  invalid: [{ name: "a base_model that is a URL, not a repo id (checked even offline)", files: { "README.md": card("license: mit\nbase_model: https://huggingface.co/o/a", GOOD_BODY) } }],
});
