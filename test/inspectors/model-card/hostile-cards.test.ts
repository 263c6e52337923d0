import { describe, expect, it } from "vitest";
import { MAX_CARD_HEADINGS } from "../../../src/limits.js";
import { fixtureBytes, inspectRepo, ofKind, only } from "./harness.js";

describe("hostile and truncated cards", () => {
  it("never throws on any truncation of a real CRLF card", async () => {
    const bytes = fixtureBytes("stabilityai__stable-diffusion-3.5-large", "README.md");
    for (let n = 0; n <= bytes.length; n += 97) {
      const facts = await inspectRepo({ "README.md": bytes.subarray(0, n) });
      expect(ofKind(facts, "card.document")).toHaveLength(1);
    }
  });

  it("never throws on seeded byte mutations of a real card", async () => {
    const bytes = fixtureBytes("mistralai__Devstral-Small-2507", "README.md");
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 30; round++) {
      const copy = bytes.slice();
      for (let i = 0; i < 20; i++) copy[next() % copy.length] = next() & 0xff;
      await expect(inspectRepo({ "README.md": copy })).resolves.toBeDefined();
    }
  });

  it("stops at MAX_CARD_HEADINGS with a limit fact and keeps the metadata", async () => {
    const facts = await inspectRepo({ "README.md": "---\nlicense: mit\n---\n" + "# h\n".repeat(MAX_CARD_HEADINGS + 1) });
    expect(only(facts, "scan.limit-exceeded").data.limit).toBe("MAX_CARD_HEADINGS");
    expect(only(facts, "card.metadata").data.license).toEqual(["mit"]);
    expect(only(facts, "card.document").data.complete).toBe(false);
  });

  it("handles a very long single line without a heading", async () => {
    const facts = await inspectRepo({ "README.md": "x".repeat(2_000_000) });
    expect(ofKind(facts, "card.section")).toEqual([]);
  });
});
