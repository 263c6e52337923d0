import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { parseInventory } from "../../src/multi/inventory.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("parseInventory", () => {
  it("takes the models of a discover report, pinned or not, and skips datasets with a note", () => {
    const inv = parseInventory("refs.json", {
      references: [
        { id: "acme/a", kind: "model", revision: null, pinned: false, locations: [{ path: "app.py", line: 3, snippet: "…" }] },
        { id: "acme/b", kind: "model", revision: SHA, pinned: true, locations: [] },
        { id: "org/data", kind: "dataset", revision: null, pinned: false, locations: [] },
      ],
      dynamic: [{ path: "app.py", line: 9, snippet: "from_pretrained(name)" }],
    });
    expect(inv.targets).toEqual([
      { id: "acme/a", target: "acme/a" },
      { id: "acme/b", target: `acme/b@${SHA}` },
    ]);
    expect(inv.skipped).toEqual([{ input: "org/data", reason: "a dataset reference: modelgate scans models" }]);
  });

  it("takes the locked commit of each model of a lock file, else its revision", () => {
    const inv = parseInventory("modelgate.lock.json", { models: [{ id: "acme/a", revision: "main", commit: SHA }, { id: "acme/b", revision: "v1" }, { id: "acme/c" }] });
    expect(inv.targets.map((t) => t.target)).toEqual([`acme/a@${SHA}`, "acme/b@v1", "acme/c"]);
  });

  it("makes a legacy model id without an owner an error of the run, never a silent skip", () => {
    const inv = parseInventory("refs.json", { references: [{ id: "bert-base-uncased", kind: "model", revision: null }, { id: "squad", kind: "dataset", revision: null }, { id: "acme/a", kind: "model", revision: null }] });
    expect(inv.targets.map((t) => t.target)).toEqual(["acme/a"]);
    expect(inv.errors).toEqual([{ input: "bert-base-uncased", code: "MG_E_CONFIG", message: expect.stringContaining("not an owner/name Hub id") }]);
    expect(inv.skipped.map((s) => s.input)).toEqual(["squad"]);
  });

  it("scans a repeated reference once and lists the repeat as skipped", () => {
    const inv = parseInventory("refs.json", { references: [{ id: "acme/a", kind: "model", revision: null }, { id: "acme/a", kind: "model", revision: null }] });
    expect(inv.targets).toHaveLength(1);
    expect(inv.skipped).toEqual([{ input: "acme/a", reason: "listed more than once; scanned once" }]);
  });

  it.each([
    ["a JSON array", [], /refs\.json: not an inventory/],
    ["a report of another kind", { schemaVersion: "1.0", findings: [] }, /not an inventory/],
    ["an entry without an id", { references: [{ kind: "model" }] }, /references\[0\]\.id .* is not a Hub repo id/],
    ["an id with a path in it", { models: [{ id: "../../etc/passwd" }] }, /models\[0\]\.id .* is not a Hub repo id/],
    ["an id carrying a revision", { models: [{ id: "acme/a@main" }] }, /models\[0\]\.id/],
    ["an unknown kind", { references: [{ id: "acme/a", kind: "space" }] }, /references\[0\]\.kind must be "model" or "dataset"/],
    ["a commit that is not one", { models: [{ id: "acme/a", commit: "main" }] }, /models\[0\]\.commit must be a 40-hex commit SHA/],
    ["a revision with a space", { models: [{ id: "acme/a", revision: "a b" }] }, /models\[0\]\.revision must be a revision/],
  ])("refuses %s with an error naming the file and entry", (_name, data, message) => {
    expect(() => parseInventory("refs.json", data)).toThrow(ConfigError);
    expect(() => parseInventory("refs.json", data)).toThrow(message);
  });
});
