import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card } from "../../inspectors/model-card/harness.js";

ruleTester("card-architecture-undocumented", {
  valid: [{ name: "a Model Details section with content", files: { "README.md": card("license: mit", GOOD_BODY) } }],
  invalid: [
    {
      name: "no architecture section, config.json named in the message",
      files: { "README.md": card(undefined, "## Usage\nCall generate on it.\n"), "config.json": '{"architectures":["LlamaForCausalLM"],"model_type":"llama"}' },
      expect: (f) => expect(f[0]?.message).toBe("the model card does not document the architecture (config.json says LlamaForCausalLM, model_type llama)"),
    },
    { name: "a Model Details section with only placeholders", files: { "README.md": card(undefined, "## Model Details\n- **Model type:** [More Information Needed]\n") } },
  ],
});
