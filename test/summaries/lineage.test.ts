import { describe, expect, it } from "vitest";
import { lineageSummary } from "../../src/summaries/lineage.js";
import { HUB_TARGET, card, handHub, inspectRepo } from "../inspectors/model-card/harness.js";

describe("lineage section of the report", () => {
  it("lists ancestors in lookup order, then datasets", async () => {
    const hub = handHub({ "o/a": { cardData: { license: "mit", base_model: "o/b", base_model_relation: "finetune" } } }, { "o/d": { cardData: { license: "cc-by-4.0" }, gated: "auto" } });
    const facts = await inspectRepo({ "README.md": card("base_model: o/a\ndatasets: [o/d]") }, HUB_TARGET, hub);
    expect(lineageSummary.build(facts, []).lineage).toEqual([
      { kind: "model", repoId: "o/a", depth: 1, parent: null, status: "found", license: ["mit"], licenseName: null, gated: false, hasCard: true, relation: "finetune", detail: null },
      { kind: "model", repoId: "o/b", depth: 2, parent: "o/a", status: "not-found", license: [], licenseName: null, gated: null, hasCard: null, relation: null, detail: "no such repository on the Hub (deleted, renamed, private or mistyped)" },
      { kind: "dataset", repoId: "o/d", depth: 1, parent: null, status: "found", license: ["cc-by-4.0"], licenseName: null, gated: "auto", hasCard: true, relation: null, piiStatements: [], detail: null },
    ]);
  });

  it("is an empty list when the card names no base model or dataset", async () => {
    expect(lineageSummary.build(await inspectRepo({ "README.md": card("license: mit") }), []).lineage).toEqual([]);
  });
});
