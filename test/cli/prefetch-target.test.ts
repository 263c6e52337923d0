import { describe, expect, it } from "vitest";
import { scanTargetForPrefetch } from "../../cli/prefetch-target.js";

describe("scanTargetForPrefetch", () => {
  it("finds the target of a plain scan", () => {
    expect(scanTargetForPrefetch(["scan", "./model"])).toBe("./model");
  });

  it("skips option values to find the target", () => {
    expect(scanTargetForPrefetch(["scan", "--format", "json", "-o", "out.json", "--fail-on", "none", "./model", "--debug"])).toBe("./model");
  });

  it("takes the argument after -- as the target", () => {
    expect(scanTargetForPrefetch(["scan", "--", "-odd-name"])).toBe("-odd-name");
  });

  it("finds nothing for help, another command or a missing target", () => {
    expect(scanTargetForPrefetch(["scan", "./m", "--help"])).toBeUndefined();
    expect(scanTargetForPrefetch(["advisories", "./m"])).toBeUndefined();
    expect(scanTargetForPrefetch(["scan", "--format", "json"])).toBeUndefined();
  });
});
