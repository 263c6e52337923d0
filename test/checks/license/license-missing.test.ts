import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

ruleTester("license-missing", {
  valid: [
    { name: "a declared license", files: { "README.md": card("license: mit", GOOD_BODY) } },
    { name: "refused metadata (reported by card-metadata-invalid instead)", files: { "README.md": card("license: [mit", GOOD_BODY) } },
  ],
  invalid: [
    { name: "a card without front matter (Qwen-7B-Chat-Cantonese)", files: { "README.md": fixture("stvlynn__Qwen-7B-Chat-Cantonese", "README.md") } },
    {
      name: "no license key but a LICENSE file (Llama-2-7b-hf, Nov 2023): low, naming the file's license",
      files: { "README.md": fixture("meta-llama__Llama-2-7b-hf", "README.md"), "LICENSE.txt": fixture("meta-llama__Llama-2-7b-hf", "LICENSE.txt") },
      expect: (f) => {
        expect(f[0]?.severity).toBe("low");
        expect(f[0]?.message).toBe("the model card declares no license; LICENSE.txt holds Llama 2 Community License Agreement (llama2)");
      },
    },
  ],
});
