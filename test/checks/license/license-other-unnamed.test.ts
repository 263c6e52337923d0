import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

const SD35 = "stabilityai__stable-diffusion-3.5-large";

ruleTester("license-other-unnamed", {
  valid: [
    { name: "other with license_name and license_link (SD3.5, CRLF)", files: { "README.md": fixture(SD35, "README.md"), "LICENSE.md": fixture(SD35, "LICENSE.md") } },
    { name: "other with license_name and a LICENSE file", files: { "README.md": card("license: other\nlicense_name: acme-license", GOOD_BODY), LICENSE: "ACME LICENSE\nYou may use this." } },
  ],
  invalid: [
    {
      name: "other alone, reported at the license line",
      files: { "README.md": card("pipeline_tag: text-generation\nlicense: other", GOOD_BODY) },
      expect: (f) => expect(f[0]?.region).toMatchObject({ startLine: 3, endLine: 3 }),
    },
    {
      name: "other with neither a name nor a text is medium: the terms are unknown",
      files: { "README.md": card("license: other", GOOD_BODY) },
      expect: (f) => expect(f.map((x) => `${x.severity} ${x.message}`)).toEqual(["medium license: other without license_name, license_link or a LICENSE file: the terms are unknown"]),
    },
    {
      name: "other without a name but with a LICENSE file, which the message points to (decapoda-research/llama-7b-hf)",
      files: { "README.md": card("license: other", GOOD_BODY), LICENSE: "LLaMA LICENSE AGREEMENT\nThis License Agreement applies to your use." },
      // Low: the terms are known from the file, only the card does not name them.
      expect: (f) => expect(f.map((x) => `${x.severity} ${x.message}`)).toEqual(['low license: other without license_name; the license text is in LICENSE: "LLaMA LICENSE AGREEMENT"']),
    },
    {
      name: "other without a name but with a recognised LICENSE file",
      files: { "README.md": card("license: other", GOOD_BODY), "LICENSE.txt": fixture("meta-llama__Llama-2-7b-hf", "LICENSE.txt") },
      expect: (f) => expect(f[0]?.message).toBe("license: other without license_name; the license text is in LICENSE.txt: recognised as Llama 2 Community License Agreement (llama2)"),
    },
    {
      name: "other with a name but no link and no LICENSE file",
      files: { "README.md": card("license: other\nlicense_name: acme-license", GOOD_BODY) },
      expect: (f) => expect(f[0]?.message).toBe("license: other (acme-license) without license_link and without a LICENSE file"),
    },
  ],
});
