import { describe, expect, it } from "vitest";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

const run = async (datasets: Parameters<typeof handHub>[1]) =>
  (await scanRepo({ "README.md": card("license: mit\ndatasets: [o/d, common crawl]", GOOD_BODY) }, HUB_TARGET, handHub({}, datasets))).findings.filter((f) => f.ruleName === "provenance-dataset-missing");

describe("provenance-dataset-missing", () => {
  it("valid: the dataset exists (free-text names are still reported)", async () => {
    expect((await run({ "o/d": { cardData: { license: "mit" } } })).map((f) => f.message)).toEqual(["dataset common crawl: not a Hub dataset id; not looked up"]);
  });

  it("invalid: the dataset is not on the Hub", async () => {
    expect((await run({})).map((f) => f.message)).toContain("dataset o/d: no such repository on the Hub (deleted, renamed, private or mistyped)");
  });
});
