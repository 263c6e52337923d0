import { describe, expect, it } from "vitest";
import { advisoryReference, describeAdvisory } from "../../src/advisories/advisory-reference.js";
import type { OsvRecord } from "../../src/advisories/osv.js";

const record = (affected: OsvRecord["affected"], aliases = ["CVE-2099-0001"]): OsvRecord => ({ id: "GHSA-xxxx-yyyy-zzzz", modified: "2026-01-01T00:00:00Z", aliases, affected });
const pypi = (ranges: OsvRecord["affected"][number]["ranges"], versions?: string[]): OsvRecord["affected"][number] => ({ package: { ecosystem: "PyPI", name: "Some_Lib" }, ...(ranges ? { ranges } : {}), ...(versions ? { versions } : {}) });

describe("an advisory as a version finding cites it", () => {
  it("gives every affected span of every release line and each line's fixed version, lowest first", () => {
    const r = record([pypi([{ type: "ECOSYSTEM", events: [{ introduced: "2.3" }, { fixed: "2.3.1" }, { introduced: "2.0" }, { fixed: "2.2.1" }] }])]);
    expect(advisoryReference(r, "some-lib")).toEqual({ id: "GHSA-xxxx-yyyy-zzzz", aliases: ["CVE-2099-0001"], affected: ">=2.0, <2.2.1 or >=2.3, <2.3.1", fixed: ["2.2.1", "2.3.1"] });
  });

  it("says when no version fixes it, with a last_affected bound", () => {
    const ref = advisoryReference(record([pypi([{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { last_affected: "1.4.2" }] }])], []), "some_lib");
    expect(ref).toMatchObject({ affected: "<=1.4.2", fixed: [] });
    expect(describeAdvisory(ref)).toBe("GHSA-xxxx-yyyy-zzzz (affected <=1.4.2; no fixed version)");
  });

  it("lists explicit versions when the record has no ranges", () => {
    const ref = advisoryReference(record([pypi(undefined, ["1.0", "1.1", "1.2", "1.3"])]), "some-lib");
    expect(ref.affected).toBe("==1.0, ==1.1, ==1.2 and 1 more listed versions");
  });

  it("names the ids, the range and the fix in one phrase", () => {
    const ref = advisoryReference(record([pypi([{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.36.0" }] }])], ["PYSEC-2023-300", "CVE-2023-6730"]), "some-lib");
    expect(describeAdvisory(ref)).toBe("GHSA-xxxx-yyyy-zzzz (CVE-2023-6730, PYSEC-2023-300, affected <4.36.0; fixed in 4.36.0)");
  });
});
