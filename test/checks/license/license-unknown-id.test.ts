import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card } from "../../inspectors/model-card/harness.js";

ruleTester("license-unknown-id", {
  valid: [
    { name: "a Hub identifier", files: { "README.md": card("license: llama3.1", GOOD_BODY) } },
    { name: "an SPDX id in its own case", files: { "README.md": card("license: Apache-2.0", GOOD_BODY) } },
    { name: "a valid SPDX expression", files: { "README.md": card("license: MIT OR Apache-2.0", GOOD_BODY) } },
  ],
  invalid: [
    { name: "a made-up identifier", files: { "README.md": card("license: apache2", GOOD_BODY) }, expect: (f) => expect(f[0]?.message).toContain('"apache2"') },
    { name: "license: unknown", files: { "README.md": card("license: unknown", GOOD_BODY) }, expect: (f) => expect(f[0]?.message).toBe("the publisher declares the license unknown") },
    { name: "one bad entry in a license list", files: { "README.md": card("license: [mit, MIT License]", GOOD_BODY) } },
  ],
});
