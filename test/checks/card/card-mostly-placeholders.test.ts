import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

const unfilled = fixture("hub-templates", "huggingface_hub__modelcard_template.md").replace(/\{\{[^}]*\}\}/g, (m) => (m.includes("More Information Needed") ? "[More Information Needed]" : ""));

ruleTester("card-mostly-placeholders", {
  valid: [
    { name: "a written card", files: { "README.md": card("license: mit", GOOD_BODY) } },
    { name: "a written card with one placeholder section", files: { "README.md": card("license: mit", GOOD_BODY + "\n## Citation\n[More Information Needed]\n") } },
  ],
  invalid: [{ name: "the Hub template left unfilled", files: { "README.md": unfilled } }],
});
