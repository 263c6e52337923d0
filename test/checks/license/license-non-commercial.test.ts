import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card } from "../../inspectors/model-card/harness.js";

ruleTester("license-non-commercial", {
  valid: [
    { name: "a permissive license", files: { "README.md": card("license: mit", GOOD_BODY) } },
    { name: "a use-restricted but commercial license", files: { "README.md": card("license: creativeml-openrail-m", GOOD_BODY) } },
  ],
  invalid: [
    { name: "cc-by-nc-4.0", files: { "README.md": card("license: cc-by-nc-4.0", GOOD_BODY) } },
    { name: "other naming a non-commercial license in license_name", files: { "README.md": card("license: other\nlicense_name: fair-noncommercial-research-license", GOOD_BODY) } },
    { name: "an SPDX expression whose every alternative is non-commercial", files: { "README.md": card("license: CC-BY-NC-4.0 OR CC-BY-NC-SA-4.0", GOOD_BODY) } },
  ],
});
