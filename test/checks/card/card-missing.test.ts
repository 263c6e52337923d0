import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card } from "../../inspectors/model-card/harness.js";

ruleTester("card-missing", {
  valid: [{ name: "a repo with a README.md", files: { "README.md": card("license: mit", GOOD_BODY), "config.json": "{}" } }],
  invalid: [{ name: "a repo with weights and config but no README.md", files: { "config.json": '{"model_type":"llama"}', "model.safetensors": "x" } }],
});
