import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { card, fixture } from "../../inspectors/model-card/harness.js";

ruleTester("card-no-training-data", {
  valid: [
    { name: "datasets named in the metadata", files: { "README.md": card("datasets: [wikitext]") } },
    { name: "a Training Data section with content (Llama-2-7b-hf)", files: { "README.md": fixture("meta-llama__Llama-2-7b-hf", "README.md") } },
    { name: "a Training section that names its dataset", files: { "README.md": card(undefined, "## Training\nTrained on LAION-2B, a dataset of image-text pairs.\n") } },
  ],
  invalid: [
    { name: "no datasets field and no training data section (SD3.5)", files: { "README.md": fixture("stabilityai__stable-diffusion-3.5-large", "README.md") } },
    {
      name: "a Training Data section that only holds the template placeholder, named in the message",
      files: { "README.md": card("license: mit", "## Training Data\n\n[More Information Needed]\n") },
      expect: (f) => {
        expect(f[0]?.message).toContain('"Training Data" holds only the template placeholder');
        expect(f[0]?.region).toMatchObject({ startLine: 4, endLine: 6 });
      },
    },
    { name: "a Training section with only hardware and steps (Qwen-7B-Chat-Cantonese)", files: { "README.md": fixture("stvlynn__Qwen-7B-Chat-Cantonese", "README.md") } },
  ],
});
