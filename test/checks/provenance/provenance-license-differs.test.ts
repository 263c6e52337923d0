import { describe, expect, it } from "vitest";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

const run = async (ours: string, theirs: string) =>
  (await scanRepo({ "README.md": card(`license: ${ours}\nbase_model: o/base`, GOOD_BODY) }, HUB_TARGET, handHub({ "o/base": { cardData: { license: theirs } } }))).findings.filter(
    (f) => f.ruleName === "provenance-license-differs",
  );

describe("provenance-license-differs", () => {
  it("valid: the same license as the base model, whatever the case", async () => {
    expect(await run("Apache-2.0", "apache-2.0")).toEqual([]);
  });

  it("valid: a conflicting license is license-conflict's finding, not this one", async () => {
    expect(await run("mit", "llama2")).toEqual([]);
  });

  it("invalid: a different, compatible license", async () => {
    expect((await run("apache-2.0", "mit")).map((f) => f.message)).toEqual(["this model declares apache-2.0 but its base model o/base declares mit"]);
  });
});
