import { describe, expect, it } from "vitest";
import { MAX_DIFF_LINES, unifiedDiff } from "../../src/diff/unified-diff.js";

describe("unifiedDiff", () => {
  it("gives a hunk with three lines of context around one changed line", () => {
    const a = ["1", "2", "3", "4", "5", "6", "7", "8"].join("\n");
    const b = ["1", "2", "3", "4", "five", "6", "7", "8"].join("\n");
    expect(unifiedDiff(a, b, "a/t", "b/t")).toBe(["--- a/t", "+++ b/t", "@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8", ""].join("\n"));
  });

  it("is empty for equal texts", () => {
    expect(unifiedDiff("x\ny", "x\ny", "a", "b")).toBe("");
  });

  it("declines texts longer than the line bound instead of building a quadratic table", () => {
    const big = Array.from({ length: MAX_DIFF_LINES + 1 }, (_, i) => String(i)).join("\n");
    expect(unifiedDiff(big, "x", "a", "b")).toBeUndefined();
  });
});
