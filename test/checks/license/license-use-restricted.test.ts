import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

ruleTester("license-use-restricted", {
  valid: [
    { name: "apache-2.0", files: { "README.md": card("license: apache-2.0", GOOD_BODY) } },
    { name: "a custom other license (not classified)", files: { "README.md": card("license: other\nlicense_name: acme\nlicense_link: https://acme.example/license", GOOD_BODY) } },
  ],
  invalid: [
    { name: "bloom's BigScience RAIL license", files: { "README.md": fixture("bigscience__bloom", "README.md") } },
    { name: "the Llama 2 community license", files: { "README.md": card("license: llama2", GOOD_BODY) } },
    { name: "Gemma terms of use", files: { "README.md": card("license: gemma", GOOD_BODY) } },
  ],
});
