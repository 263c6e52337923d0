import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card } from "../../inspectors/model-card/harness.js";

ruleTester("card-use-limitations-missing", {
  valid: [
    { name: "intended use and limitations documented", files: { "README.md": card("license: mit", GOOD_BODY) } },
    { name: "both topics under one heading", files: { "README.md": card(undefined, "## Intended uses & limitations\nFor protein research only; it fails on short sequences.\n") } },
  ],
  invalid: [
    {
      name: "only Usage and How to use sections, which are instructions (medium)",
      files: { "README.md": card(undefined, "## Usage\nRun it with the transformers pipeline.\n## How to use\nCall generate with a prompt.\n") },
      expect: (f) => expect(f[0]?.severity).toBe("medium"),
    },
    {
      name: "intended use present, limitations only a placeholder (low)",
      files: { "README.md": card(undefined, "## Intended Use\nChat assistants for support desks.\n## Limitations\n[More Information Needed]\n") },
      expect: (f) => {
        expect(f[0]?.severity).toBe("low");
        expect(f[0]?.message).toBe("the model card does not document limitations");
      },
    },
  ],
});
