import { describe, expect, it } from "vitest";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

const cycles = async (models: Parameters<typeof handHub>[0]) =>
  (await scanRepo({ "README.md": card("license: mit\nbase_model: o/a", GOOD_BODY) }, HUB_TARGET, handHub(models))).findings.filter((f) => f.ruleName === "provenance-lineage-cycle");

describe("provenance-lineage-cycle", () => {
  it("valid: a chain that ends", async () => {
    expect(await cycles({ "o/a": { cardData: { base_model: "o/b" } }, "o/b": { cardData: {} } })).toEqual([]);
  });

  it("invalid: ancestors that name each other", async () => {
    const found = await cycles({ "o/a": { cardData: { base_model: "o/b" } }, "o/b": { cardData: { base_model: "o/a" } } });
    expect(found.map((f) => f.message)).toEqual(["base_model chain loops: o/a → o/b → o/a"]);
  });

  it("invalid: an ancestor that names the scanned model", async () => {
    const found = await cycles({ "o/a": { cardData: { base_model: "acme/model" } } });
    expect(found.map((f) => f.message)).toEqual(["base_model chain loops: acme/model → o/a → acme/model"]);
  });
});
