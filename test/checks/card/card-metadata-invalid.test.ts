import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

const bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
for (let i = 1; i < 30; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(",")}]`);

ruleTester("card-metadata-invalid", {
  valid: [
    { name: "well-formed front matter", files: { "README.md": card("license: mit\ndatasets: [wikitext]", GOOD_BODY) } },
    { name: "no front matter at all", files: { "README.md": GOOD_BODY } },
  ],
  invalid: [
    {
      name: "malformed YAML, located at its line",
      files: { "README.md": card("license: mit\ntags: [a, b\nx: 1", GOOD_BODY) },
      expect: (f) => expect(f[0]?.region?.startLine).toBeGreaterThanOrEqual(2),
    },
    { name: "a list instead of a mapping (huggingface_hub sample_invalid_card_data.md)", files: { "README.md": fixture("hub-templates", "sample_invalid_card_data.md") } },
    {
      name: "a YAML alias bomb, refused before parsing",
      files: { "README.md": card(bomb.join("\n"), GOOD_BODY) },
      expect: (f) => expect(f[0]?.message).toContain("alias bomb"),
    },
    { name: "an opening --- that is never closed", files: { "README.md": "---\nlicense: mit\n\n# Model\nText." } },
  ],
});
