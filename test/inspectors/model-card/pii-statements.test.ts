import { describe, expect, it } from "vitest";
import { fixture, inspectRepo, ofKind } from "./harness.js";

const statements = async (body: string) => ofKind(await inspectRepo({ "README.md": body }), "card.pii-statement").map((p) => [p.region?.startLine, p.data.text]);

describe("PII statements", () => {
  it("quotes a de-identification statement like MedGemma's", async () => {
    const found = await statements("### De-identification/anonymization:\n\nGoogle and its partners utilize datasets that have been rigorously anonymized or\nde-identified to ensure the protection of individual research participants.\n");
    expect(found.map((f) => f[0])).toEqual([1, 3, 4]);
  });

  it("finds nothing in a card that does not discuss personal data (Llama-2-7b-hf)", async () => {
    expect(await statements(fixture("meta-llama__Llama-2-7b-hf", "README.md"))).toEqual([]);
  });

  it("finds removal, anonymisation and consent statements", async () => {
    expect(await statements("# D\nPersonal information was removed with a regex pass.\n\nImages were anonymized.\n\nAll participants gave informed consent.\n")).toEqual([
      [2, "Personal information was removed with a regex pass."],
      [4, "Images were anonymized."],
      [6, "All participants gave informed consent."],
    ]);
  });

  it("does not take misuse warnings about consent or PII for sanitization", async () => {
    expect(await statements("# Misuse\n- Impersonating individuals without their consent.\n- The model may output PII it memorised.\n")).toEqual([]);
  });

  it("ignores statements inside code blocks", async () => {
    expect(await statements("```\n# PII was removed\n```\n")).toEqual([]);
  });
});
