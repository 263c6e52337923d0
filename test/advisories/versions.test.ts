import { describe, expect, it } from "vitest";
import type { OsvRange } from "../../src/advisories/osv.js";
import { inRange, intervalInsideRange, intervalOverlapsRange, specifierInterval } from "../../src/advisories/versions.js";

const fixed436: OsvRange = { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.36.0" }] };
// GHSA-r6jx-9g48-2r5r: three affected spans with backported fixes.
const tfYaml: OsvRange = { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.3.4" }, { introduced: "2.4.0" }, { fixed: "2.4.3" }, { introduced: "2.5.0" }, { fixed: "2.5.1" }] };
const lastAffected: OsvRange = { type: "ECOSYSTEM", events: [{ introduced: "0" }, { last_affected: "1.17.0" }] };

describe("OSV ranges with PEP 440 ordering", () => {
  it("treats a release candidate of the fixed version as affected", () => {
    expect(inRange("4.36.0rc1", fixed436)).toBe(true);
    expect(inRange("4.36.0.dev0", fixed436)).toBe(true);
  });

  it("treats the fixed version and later as not affected", () => {
    expect(inRange("4.36.0", fixed436)).toBe(false);
    expect(inRange("4.36.0.post1", fixed436)).toBe(false);
  });

  it("orders local versions after their public version", () => {
    expect(inRange("4.35.2+cu118", fixed436)).toBe(true);
    expect(inRange("4.36.0+local", fixed436)).toBe(false);
    expect(inRange("1.16.0.post4+tuxcare", { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1.16.1" }] })).toBe(true);
  });

  it("follows backported fixes across several spans", () => {
    expect(inRange("2.3.3", tfYaml)).toBe(true);
    expect(inRange("2.3.4", tfYaml)).toBe(false);
    expect(inRange("2.4.2", tfYaml)).toBe(true);
    expect(inRange("2.4.3", tfYaml)).toBe(false);
    expect(inRange("2.5.0", tfYaml)).toBe(true);
    expect(inRange("2.6.0", tfYaml)).toBe(false);
  });

  it("includes last_affected itself", () => {
    expect(inRange("1.17.0", lastAffected)).toBe(true);
    expect(inRange("1.17.1", lastAffected)).toBe(false);
  });

  it("compares numerically, not as strings", () => {
    expect(inRange("4.9.0", fixed436)).toBe(true);
    expect(inRange("4.100.0", fixed436)).toBe(false);
  });

  it("never throws on an invalid version", () => {
    expect(inRange("banana", fixed436)).toBe(false);
  });
});

describe("requirement specifiers as intervals", () => {
  it("an exact pin of an affected version is inside the range", () => {
    expect(intervalInsideRange(specifierInterval("==4.30.0") ?? {}, fixed436)).toBe(true);
  });

  it("a bounded range below the fix allows only affected versions", () => {
    expect(intervalInsideRange(specifierInterval(">=4.30,<4.36") ?? {}, fixed436)).toBe(true);
    expect(intervalInsideRange(specifierInterval("<=4.36.0") ?? {}, fixed436)).toBe(false);
  });

  it("a wildcard pin below the fix allows only affected versions", () => {
    expect(intervalInsideRange(specifierInterval("==4.35.*") ?? {}, fixed436)).toBe(true);
    expect(intervalInsideRange(specifierInterval("==4.36.*") ?? {}, fixed436)).toBe(false);
  });

  it("a compatible-release clause is bounded", () => {
    const iv = specifierInterval("~=4.34.0");
    expect(iv?.upper?.version).toBe("4.35.dev0");
    expect(intervalInsideRange(iv ?? {}, fixed436)).toBe(true);
  });

  it("an open-ended requirement is never only-vulnerable but may admit vulnerable versions", () => {
    const iv = specifierInterval(">=4.0") ?? {};
    expect(intervalInsideRange(iv, fixed436)).toBe(false);
    expect(intervalOverlapsRange(iv, fixed436)).toBe(true);
    expect(intervalOverlapsRange(specifierInterval(">=4.36") ?? {}, fixed436)).toBe(false);
  });

  it("a range that spans a gap between backported fixes is not only-vulnerable", () => {
    expect(intervalInsideRange(specifierInterval(">=2.3,<2.5") ?? {}, tfYaml)).toBe(false);
    expect(intervalInsideRange(specifierInterval(">=2.4.0,<2.4.3") ?? {}, tfYaml)).toBe(true);
  });

  it("an exact pin with a local version is matched as that version", () => {
    expect(intervalInsideRange(specifierInterval("==2.0.1+cu118") ?? {}, { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.6.0" }] })).toBe(true);
  });

  it("rejects a specifier that does not parse", () => {
    expect(specifierInterval(">>banana")).toBeUndefined();
  });
});
