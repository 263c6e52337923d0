import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

const MIT = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software";

ruleTester("license-file-mismatch", {
  valid: [
    { name: "an MIT card with an MIT LICENSE", files: { "README.md": card("license: mit", GOOD_BODY), LICENSE: MIT } },
    { name: "an SPDX expression that includes the file's license", files: { "README.md": card("license: Apache-2.0 OR MIT", GOOD_BODY), LICENSE: MIT } },
    { name: "license: other with its custom LICENSE (SD3.5)", files: { "README.md": fixture("stabilityai__stable-diffusion-3.5-large", "README.md"), "LICENSE.md": fixture("stabilityai__stable-diffusion-3.5-large", "LICENSE.md") } },
  ],
  invalid: [
    {
      name: "an mit card shipping a CC BY-NC 4.0 LICENSE (Infi-MM infimm-zephyr)",
      files: { "README.md": fixture("Infi-MM__infimm-zephyr", "README.md"), LICENSE: fixture("Infi-MM__infimm-zephyr", "LICENSE") },
      expect: (f) => expect(f[0]?.message).toBe("LICENSE holds Creative Commons Attribution Non Commercial 4.0 (cc-by-nc-4.0) but the model card declares mit"),
    },
    { name: "an apache-2.0 card with the Llama 2 license text", files: { "README.md": card("license: apache-2.0", GOOD_BODY), "LICENSE.txt": fixture("meta-llama__Llama-2-7b-hf", "LICENSE.txt") } },
  ],
});
