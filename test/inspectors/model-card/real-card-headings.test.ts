import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanHeadings } from "../../../src/inspectors/model-card/headings.js";

const ROOT = join(import.meta.dirname, "../../../fixtures/cards");
const expected = JSON.parse(readFileSync(join(ROOT, "headings-expected.json"), "utf8")) as Record<string, string[]>;

/** Body lines of a card and the first body line (after YAML front matter). */
function body(text: string): { lines: string[]; first: number } {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const end = lines[0] === "---" ? lines.indexOf("---", 1) : -1;
  return { lines, first: end > 0 ? end + 2 : 1 };
}

describe("headings of the real model cards", () => {
  const cards = readdirSync(ROOT).filter((d) => d.includes("__"));
  it("has an expected heading list for every real card fixture", () => {
    expect(Object.keys(expected).sort()).toEqual(cards.sort());
  });
  for (const card of cards) {
    it(`${card}: every heading found before the CommonMark fence and HTML block rules is still found, and nothing else`, () => {
      const { lines, first } = body(readFileSync(join(ROOT, card, "README.md"), "utf8"));
      const found = scanHeadings(lines, first).headings.map((h) => `${h.style}:${h.level}:${h.line}:${h.text}`);
      expect(found).toEqual(expected[card]);
    });
  }
});
