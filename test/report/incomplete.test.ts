import { describe, expect, it } from "vitest";
import { collectIncomplete } from "../../src/report/incomplete.js";
import { fact } from "../../src/types/fact.js";
import { factsOf, inspectBytes } from "../builders/run-inspector.js";
import { buildZip } from "../builders/zip-builder.js";
import { scanFiles } from "../helpers/scan-files.js";

/** A zip cut before its central directory: every zip-reading inspector meets the same error. */
function truncatedZip(): Uint8Array {
  const zip = buildZip({ members: [{ name: "a.txt", data: "hello ".repeat(200) }, { name: "b.txt", data: "world ".repeat(200) }] });
  return zip.subarray(0, zip.byteLength - 30);
}

describe("incomplete entries", () => {
  it("lists a truncated zip's parse failure once in the report", async () => {
    const report = await scanFiles({ "m.zip": truncatedZip() });
    const lines = report.incomplete.filter((e) => e.path === "m.zip");
    expect(lines).toHaveLength(1);
    expect(lines[0]!.reason).toMatch(/^could not be parsed: zip:/);
  });

  it("the engine records one parse-error fact per artifact and message, whatever the number of inspectors that failed", async () => {
    const { facts } = await inspectBytes(truncatedZip(), "m.zip");
    expect(factsOf(facts, "scan.parse-error")).toHaveLength(1);
  });

  it("collapses facts with the same path and reason into one entry but keeps different reasons", () => {
    const ref = { path: "x.bin" };
    const entries = collectIncomplete([
      fact("scan.parse-error", { message: "bad", format: "zip" }, ref),
      fact("scan.parse-error", { message: "bad", format: "keras" }, ref),
      fact("scan.parse-error", { message: "worse", format: "zip" }, ref),
    ]);
    expect(entries).toEqual([
      { path: "x.bin", reason: "could not be parsed: bad" },
      { path: "x.bin", reason: "could not be parsed: worse" },
    ]);
  });
});
