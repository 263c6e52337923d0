import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { GOOD_BODY, card, fixture } from "../../inspectors/model-card/harness.js";

ruleTester("card-field-shape", {
  valid: [
    { name: "string and list forms of every read field", files: { "README.md": card("license: [mit, apache-2.0]\nbase_model: org/a\ndatasets: x/y\nlanguage: en\ntags: [a]\nco2_eq_emissions:\n  emissions: 24_700_000", GOOD_BODY) } },
    { name: "bloom's real metadata", files: { "README.md": fixture("bigscience__bloom", "README.md") } },
  ],
  invalid: [
    {
      name: "datasets written as a mapping, reported at its lines",
      files: { "README.md": card("license: mit\ndatasets:\n  name: wikitext", GOOD_BODY) },
      expect: (f) => expect(f[0]?.region).toMatchObject({ startLine: 3, endLine: 4 }),
    },
    { name: "a number as license", files: { "README.md": card("license: 2.0", GOOD_BODY) } },
    { name: "an unknown base_model_relation", files: { "README.md": card("base_model: org/a\nbase_model_relation: distilled", GOOD_BODY) } },
  ],
});
