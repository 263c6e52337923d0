import { describe, expect, it } from "vitest";
import { GOOD_BODY, HUB_TARGET, card, handHub, scanRepo } from "../../inspectors/model-card/harness.js";

const conflicts = async (front: string, models: Parameters<typeof handHub>[0], datasets: Parameters<typeof handHub>[1] = {}) =>
  (await scanRepo({ "README.md": card(front, GOOD_BODY) }, HUB_TARGET, handHub(models, datasets))).findings.filter((f) => f.ruleName === "license-conflict");

describe("license-conflict", () => {
  it("valid: a fine-tune under its base model's license (Devstral: apache-2.0 on apache-2.0)", async () => {
    expect(await conflicts("license: apache-2.0\nbase_model: mistralai/Mistral-Small-3.1", { "mistralai/Mistral-Small-3.1": { cardData: { license: "apache-2.0" } } })).toEqual([]);
  });

  it("valid: a permissive model on a permissive base under another license", async () => {
    expect(await conflicts("license: apache-2.0\nbase_model: o/base", { "o/base": { cardData: { license: "mit" } } })).toEqual([]);
  });

  it("valid: a base or dataset with a custom license cannot be compared and is not called a conflict", async () => {
    expect(await conflicts("license: mit\nbase_model: o/base\ndatasets: [o/d]", { "o/base": { cardData: { license: "other" } } }, { "o/d": { cardData: {} } })).toEqual([]);
  });

  it("invalid: apache-2.0 on a Llama 2 base drops the use restrictions", async () => {
    const [f] = await conflicts("license: apache-2.0\nbase_model: meta-llama/Llama-2-7b-hf", { "meta-llama/Llama-2-7b-hf": { cardData: { license: "llama2" } } });
    expect(f?.message).toBe("base model meta-llama/Llama-2-7b-hf is llama2 (its use restrictions must be passed on to derivatives) but this model declares apache-2.0");
  });

  it("invalid: a commercial license two hops below a non-commercial ancestor", async () => {
    const found = await conflicts("license: mit\nbase_model: o/mid", { "o/mid": { cardData: { license: "cc-by-nc-4.0", base_model: "o/root" } }, "o/root": { cardData: { license: "cc-by-nc-4.0" } } });
    expect(found.map((f) => f.message)).toEqual([
      "base model o/mid is cc-by-nc-4.0 (non-commercial) but this model declares mit",
      "ancestor (2 base_model hops up) o/root is cc-by-nc-4.0 (non-commercial) but this model declares mit",
    ]);
  });

  it("invalid: a commercial license on a model trained on a non-commercial dataset", async () => {
    const [f] = await conflicts("license: apache-2.0\ndatasets: [o/nc-data]", {}, { "o/nc-data": { cardData: { license: "cc-by-nc-sa-4.0" } } });
    expect(f?.message).toBe("dataset o/nc-data is cc-by-nc-sa-4.0 (trained on non-commercial data) but this model declares apache-2.0");
  });

  it("invalid: any derivative of a no-derivatives base", async () => {
    expect(await conflicts("license: cc-by-nc-4.0\nbase_model: o/nd", { "o/nd": { cardData: { license: "cc-by-nc-nd-4.0" } } })).toHaveLength(1);
  });
});
