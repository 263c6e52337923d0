import parseSpdx from "spdx-expression-parse";
import { describe, expect, it } from "vitest";
import { classifyLicense, licenseTable } from "../../../src/checks/license/license-list.js";
import { fixture, list } from "../../inspectors/model-card/harness.js";

const table = licenseTable(list("licenses"));

describe("rules/_lists/licenses.yaml", () => {
  it("has every identifier of the Hub's license table", () => {
    const hubIds = [...fixture("hub-templates", "hub-docs__repositories-licenses.md").matchAll(/^\|[^|]+\|\s*`([^`]+)`/gm)].map((m) => m[1]);
    expect(hubIds.length).toBeGreaterThan(80);
    expect(hubIds.filter((id) => !table.byId.has(id ?? ""))).toEqual([]);
  });

  it("maps only to valid SPDX ids", () => {
    for (const e of table.entries) if (e.spdx) expect(() => parseSpdx(e.spdx ?? ""), e.id).not.toThrow();
  });

  it("gives every non-family license at least one attribute", () => {
    expect(table.entries.filter((e) => e.attributes.length === 0).map((e) => e.id)).toEqual([]);
  });
});

describe("classifyLicense", () => {
  it("matches Hub ids case-insensitively", () => {
    expect(classifyLicense("MIT", table)).toMatchObject({ kind: "hub", id: "mit", attributes: ["permissive"] });
  });

  it("validates SPDX expressions with spdx-expression-parse", () => {
    expect(classifyLicense("GPL-3.0-or-later WITH Classpath-exception-2.0", table).kind).toBe("spdx");
    expect(classifyLicense("MIT OR", table).kind).toBe("invalid");
  });

  it("keeps a restriction under OR only when every alternative has it, and any under AND", () => {
    expect(classifyLicense("CC-BY-NC-4.0 OR MIT", table)).toMatchObject({ kind: "spdx", attributes: [] });
    expect(classifyLicense("CC-BY-NC-4.0 AND MIT", table)).toMatchObject({ kind: "spdx", attributes: ["non-commercial", "permissive"] });
  });
});
