import { describe, expect, it } from "vitest";
import { cardSummary } from "../../src/summaries/card.js";
import { GOOD_BODY, card, fixture, inspectRepo } from "../inspectors/model-card/harness.js";

const build = async (files: Record<string, string>) => cardSummary.build(await inspectRepo(files), []).card;

describe("card section of the report", () => {
  it("describes the SD3.5 card as written", async () => {
    expect(await build({ "README.md": fixture("stabilityai__stable-diffusion-3.5-large", "README.md") })).toEqual({
      present: true,
      metadata: "parsed",
      license: ["other"],
      licenseName: "stabilityai-ai-community",
      licenseLink: "LICENSE.md",
      datasets: [],
      baseModels: [],
      sections: { trainingData: false, intendedUse: true, limitations: true, architecture: true, evaluation: true, trainingProcedure: true, pii: false },
      placeholderSections: [],
    });
  });

  it("counts datasets in metadata as training data and lists placeholder sections", async () => {
    const c = await build({ "README.md": card("license: [mit, apache-2.0]\ndatasets: [o/d]\nbase_model: [o/a, o/b]", "## Evaluation\n[More Information Needed]\n") });
    expect(c).toMatchObject({ license: ["mit", "apache-2.0"], datasets: ["o/d"], baseModels: ["o/a", "o/b"], placeholderSections: ["Evaluation"] });
    expect(c?.sections).toMatchObject({ trainingData: true, evaluation: false });
  });

  it("reports an absent card with empty fields, not omitted ones", async () => {
    expect(await build({ "config.json": "{}" })).toEqual({
      present: false,
      metadata: null,
      license: [],
      licenseName: null,
      licenseLink: null,
      datasets: [],
      baseModels: [],
      sections: { trainingData: false, intendedUse: false, limitations: false, architecture: false, evaluation: false, trainingProcedure: false, pii: false },
      placeholderSections: [],
    });
  });

  it("marks every documented topic of a full card", async () => {
    const c = await build({ "README.md": card("license: mit", GOOD_BODY) });
    expect(c?.sections).toEqual({ trainingData: true, intendedUse: true, limitations: true, architecture: true, evaluation: true, trainingProcedure: true, pii: false });
  });
});
