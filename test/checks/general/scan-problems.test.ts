import { describe, expect, it } from "vitest";
import { loadRules } from "../../../src/catalog/load-rules.js";
import { scanProblemChecks } from "../../../src/checks/general/scan-problems.js";
import { runChecks } from "../../../src/engine/run-checks.js";
import { fact, type Fact } from "../../../src/types/fact.js";
import { ruleTester } from "../../helpers/rule-tester.js";
import { scanFiles } from "../../helpers/scan-files.js";

/** A zip whose end record claims a central directory past MAX_ZIP_CENTRAL_DIRECTORY_BYTES. */
function zipClaimingDirectory(cdSize: number): Uint8Array {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(0, 16);
  return Buffer.concat([local, eocd]);
}

function messages(facts: Fact[]): { ruleId: string; message: string }[] {
  const { findings } = runChecks({ checks: scanProblemChecks, rules: loadRules(), facts, files: [], target: { kind: "local-dir", input: "x" }, list: () => undefined });
  return findings.map((f) => ({ ruleId: f.ruleId, message: f.message }));
}

ruleTester("general-unparseable", {
  valid: [{ name: "a well-formed config.json", files: { "config.json": '{"model_type":"llama"}\n' } }],
  invalid: [
    {
      name: "a truncated config.json",
      files: { "config.json": '{"model_type": "llama",' },
      expect: (found) => expect(found.map((f) => f.artifact?.path)).toEqual(["config.json"]),
    },
  ],
});

ruleTester("general-limit-exceeded", {
  valid: [{ name: "a small JSON file", files: { "tokenizer_config.json": "{}\n" } }],
  invalid: [
    {
      name: "a zip claiming a 2 GiB central directory",
      files: { "a.zip": zipClaimingDirectory(0x7fffffff) },
      expect: (found) => expect(found.map((f) => f.message)).toEqual(["a.zip: zip central directory of 2147483647 bytes exceeds 67108864"]),
    },
  ],
});

describe("general-unreadable and general-inspector-failed", () => {
  it("reports an unreadable file as MG-GEN-003, naming the path once", () => {
    const got = messages([fact("scan.unreadable", { message: "weights/part.bin: the Hub answered HTTP 500" }, { path: "weights/part.bin" })]);
    expect(got).toEqual([{ ruleId: "MG-GEN-003", message: "weights/part.bin: could not be read: the Hub answered HTTP 500" }]);
  });

  it("reports an inspector that crashed as MG-GEN-004", () => {
    const got = messages([fact("scan.inspector-failed", { inspector: "zip", message: "boom" }, { path: "a.zip" })]);
    expect(got).toEqual([{ ruleId: "MG-GEN-004", message: "a.zip: inspector zip failed: boom" }]);
  });

  it("reports nothing when no file had a problem", () => {
    expect(messages([fact("scan.unreadable", { message: "x" }, { path: "a" })].slice(1))).toEqual([]);
  });

  it("keeps a message that only mentions the path later", () => {
    const got = messages([fact("scan.unreadable", { message: "cannot open a.bin: EACCES" }, { path: "a.bin" })]);
    expect(got[0]?.message).toBe("a.bin: could not be read: cannot open a.bin: EACCES");
  });
});

describe("messages name the file once", () => {
  // Regression: the config inspector put the path in its ParseError and the MG-GEN-001 template
  // ("{{path}}: {{message}}") added it again: "config.json: config.json is not valid JSON".
  it("a scanned repo with a broken config.json reports MG-GEN-001 naming config.json once", async () => {
    const report = await scanFiles({ "config.json": '{"model_type": "llama",', "model_index.json": "[1, 2]" });
    const messages = report.findings.filter((f) => f.ruleId === "MG-GEN-001").map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.find((m) => m.includes("config.json"))).toMatch(/^config\.json: not valid JSON/);
    expect(messages.find((m) => m.includes("model_index.json"))).toBe("model_index.json: not a JSON object");
    for (const m of messages) expect(m.match(/(config|model_index)\.json/g)).toHaveLength(1);
  });
});
