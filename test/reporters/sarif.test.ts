import { describe, expect, it } from "vitest";
import { renderSarif, toSarifLog, versionControlProvenance } from "../../src/reporters/sarif.js";
import { PROJECT_URL, SECURITY_SEVERITY, SEVERITY_LEVEL, pascalCase } from "../../src/reporters/sarif-rules.js";
import type { SarifResult, SarifRun } from "../../src/reporters/sarif-types.js";
import { hostileReport } from "./hostile-report.js";
import { locatedChecklistReport, sampleReport } from "./sample-report.js";

function run(report = sampleReport()): SarifRun {
  const r = toSarifLog(report).runs[0];
  if (!r) throw new Error("no run");
  return r;
}

function resultOf(r: SarifRun, ruleId: string): SarifResult {
  const found = r.results.find((x) => x.ruleId === ruleId);
  if (!found) throw new Error(`no result for ${ruleId}`);
  return found;
}

describe("SARIF reporter", () => {
  it("writes a 2.1.0 log with $schema and exactly one run", () => {
    const log = toSarifLog(sampleReport());
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
  });

  it("maps severities to level and security-severity as DESIGN.md says", () => {
    expect(SEVERITY_LEVEL).toEqual({ critical: "error", high: "error", medium: "warning", low: "note", info: "note" });
    expect(SECURITY_SEVERITY).toEqual({ critical: "9.5", high: "8.0", medium: "5.5", low: "2.0", info: "0.0" });
    const rules = run().tool.driver.rules;
    const pkl = rules.find((r) => r.id === "MG-PKL-001");
    expect(pkl?.defaultConfiguration.level).toBe("error");
    expect(pkl?.properties["security-severity"]).toBe("9.5");
    expect(rules.find((r) => r.id === "MG-TPL-001")?.properties["security-severity"]).toBe("5.5");
  });

  it("describes each rule from its YAML metadata with a PascalCase name, help, precision and CWE tags", () => {
    const d = run().tool.driver.rules.find((r) => r.id === "MG-INT-001");
    expect(d?.name).toBe("IntegrityHashMismatch");
    expect(d?.shortDescription.text).toBe("Summary of integrity-hash-mismatch.");
    expect(d?.fullDescription.text).toBe("Description of integrity-hash-mismatch.");
    expect(d?.help.text).toContain("Remediation: Remediation for integrity-hash-mismatch.");
    expect(d?.help.markdown).toContain("[CWE-494](https://cwe.mitre.org/data/definitions/494.html)");
    expect(d?.help.markdown).toContain("<https://huggingface.co/docs/hub/storage-backends>");
    // helpUri points into the project's published sources only when package.json names a homepage.
    if (PROJECT_URL) expect(d?.helpUri).toBe(`${PROJECT_URL}/blob/main/rules/integrity/integrity-hash-mismatch.yaml`);
    else expect(d?.helpUri).toBeUndefined();
    expect(d?.properties["precision"]).toBe("high");
    expect(d?.properties["tags"]).toEqual(expect.arrayContaining(["security", "external/cwe/cwe-494", "external/cwe/cwe-345"]));
    expect(d?.properties["cwe"]).toEqual(["CWE-494", "CWE-345"]);
  });

  it("adds one descriptor per checklist item, MG-CHK-001 to MG-CHK-007", () => {
    const ids = run().tool.driver.rules.map((r) => r.id).filter((id) => id.startsWith("MG-CHK-"));
    expect(ids).toEqual(["MG-CHK-001", "MG-CHK-002", "MG-CHK-003", "MG-CHK-004", "MG-CHK-005", "MG-CHK-006", "MG-CHK-007"]);
  });

  it("points every result's ruleIndex at the descriptor with its ruleId", () => {
    const r = run();
    for (const res of r.results) expect(r.tool.driver.rules[res.ruleIndex]?.id).toBe(res.ruleId);
  });

  it("emits findings as kind fail with the level of their severity and a stable partial fingerprint", () => {
    const res = resultOf(run(), "MG-TPL-001");
    expect(res.kind).toBe("fail");
    expect(res.level).toBe("warning");
    expect(res.partialFingerprints["primaryLocationLineHash"]).toBe("f0000000000000000000000000000004:1");
  });

  it("gives text evidence a line region and a root binary file its byte region", () => {
    expect(resultOf(run(), "MG-TPL-001").locations[0]?.physicalLocation.region).toEqual({ startLine: 3, endLine: 5 });
    expect(resultOf(run(), "MG-INT-001").locations[0]?.physicalLocation.region).toEqual({ byteOffset: 0, byteLength: 2048 });
  });

  it("locates a finding in an archive member at the repo file and names the member, with its byte region, as a related location", () => {
    const r = run();
    const res = resultOf(r, "MG-PKL-001");
    const primary = res.locations[0]?.physicalLocation.artifactLocation;
    expect(primary?.uri).toBe("pytorch_model.bin");
    const member = res.relatedLocations?.[0]?.physicalLocation;
    expect(member?.region).toEqual({ byteOffset: 42, byteLength: 14, snippet: { text: "GLOBAL 'os system'" } });
    const memberArtifact = r.artifacts[member?.artifactLocation.index ?? -1];
    expect(memberArtifact?.location.uri).toBe("archive/data.pkl");
    expect(memberArtifact?.parentIndex).toBe(primary?.index);
    expect(memberArtifact?.properties?.["path"]).toBe("pytorch_model.bin!/archive/data.pkl");
  });

  it("marks a waived finding with an external, accepted suppression carrying the waiver's reason", () => {
    expect(resultOf(run(), "MG-INT-002").suppressions).toEqual([{ kind: "external", status: "accepted", justification: "generated at build time, reviewed by security team" }]);
    expect(resultOf(run(), "MG-INT-001").suppressions).toBeUndefined();
  });

  it("puts a target-level finding on the repo's README so it still has a location", () => {
    expect(resultOf(run(), "MG-CARD-001").locations[0]?.physicalLocation.artifactLocation.uri).toBe("README.md");
  });

  it("emits checklist items with kind pass/fail/review/notApplicable/open and level none unless failed", () => {
    const r = run();
    const kinds = Object.fromEntries(r.results.filter((x) => x.ruleId.startsWith("MG-CHK-")).map((x) => [x.ruleId, [x.kind, x.level]]));
    expect(kinds).toEqual({
      "MG-CHK-001": ["pass", "none"],
      "MG-CHK-002": ["review", "none"],
      "MG-CHK-003": ["open", "none"],
      "MG-CHK-004": ["notApplicable", "none"],
      "MG-CHK-005": ["review", "none"],
      "MG-CHK-006": ["fail", "error"],
      "MG-CHK-007": ["fail", "error"],
    });
  });

  it("locates a checklist result at its first evidence with a file and region, further evidence as related locations", () => {
    const item3 = resultOf(run(locatedChecklistReport()), "MG-CHK-003");
    expect(item3.locations[0]?.physicalLocation.artifactLocation.uri).toBe("README.md");
    expect(item3.locations[0]?.physicalLocation.region).toEqual({ startLine: 44, endLine: 46, snippet: { text: "we removed emails" } });
    expect(item3.locations[0]?.message).toBeUndefined();
    expect(item3.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region])).toEqual([["README.md", { startLine: 50 }]]);
  });

  it("locates a checklist result naming a file without a region at that whole file", () => {
    const item4 = resultOf(run(locatedChecklistReport()), "MG-CHK-004");
    expect(item4.locations[0]?.physicalLocation.artifactLocation.uri).toBe("config.json");
    expect(item4.locations[0]?.physicalLocation.region).toEqual({ startLine: 1 });
    expect(item4.relatedLocations).toBeUndefined();
  });

  it("locates a checklist result about an archive member at its repo file, the member as a related location", () => {
    const item6 = resultOf(run(), "MG-CHK-006");
    expect(item6.locations[0]?.physicalLocation.artifactLocation.uri).toBe("pytorch_model.bin");
    expect(item6.relatedLocations?.[0]?.message?.text).toBe("archive member pytorch_model.bin!/archive/data.pkl");
  });

  it("leaves the checklist out when asked", () => {
    const log = toSarifLog(sampleReport(), { checklist: false });
    expect(log.runs[0]?.results.some((x) => x.ruleId.startsWith("MG-CHK-"))).toBe(false);
    expect(log.runs[0]?.tool.driver.rules.some((x) => x.id.startsWith("MG-CHK-"))).toBe(false);
  });

  it("lists every repo file in run.artifacts with its length, sha-256 and verification state", () => {
    const arts = run().artifacts.filter((a) => a.parentIndex === undefined);
    expect(arts.map((a) => a.location.uri)).toEqual(["README.md", "config.json", "model.safetensors", "notes.txt", "pytorch_model.bin", "tokenizer_config.json"]);
    const bin = arts.find((a) => a.location.uri === "pytorch_model.bin");
    expect(bin?.length).toBe(2048);
    expect(bin?.hashes).toEqual({ "sha-256": "9".repeat(64) });
    expect(bin?.properties?.["verification"]).toBe("mismatch");
    expect(arts.find((a) => a.location.uri === "model.safetensors")?.hashes).toBeUndefined();
  });

  it("records the Hub repo URL and commit SHA as version control provenance", () => {
    expect(run().versionControlProvenance).toEqual([
      { repositoryUri: "https://huggingface.co/acme/tiny-model", revisionId: "0123456789abcdef0123456789abcdef01234567", branch: "main", mappedTo: { uriBaseId: "%SRCROOT%" } },
    ]);
  });

  it("uses the --against revision as provenance for a local folder, and none for a plain folder", () => {
    expect(versionControlProvenance({ kind: "local-dir", input: "./m", against: { repoId: "acme/m", revision: "v1", commitSha: "a".repeat(40) } })).toEqual({
      repositoryUri: "https://huggingface.co/acme/m",
      revisionId: "a".repeat(40),
      branch: "v1",
    });
    expect(versionControlProvenance({ kind: "local-dir", input: "./m" })).toBeUndefined();
  });

  it("reports incomplete files as tool execution notifications and in run properties", () => {
    const r = run();
    expect(r.invocations[0]?.toolExecutionNotifications?.[0]?.message.text).toBe("model.safetensors was not fully checked: could not be read: connection reset.");
    expect(r.properties["incomplete"]).toEqual([{ path: "model.safetensors", reason: "could not be read: connection reset" }]);
    expect((r.properties["verdict"] as { passed: boolean }).passed).toBe(false);
    expect(r.properties["lineage"]).toEqual([expect.objectContaining({ repoId: "acme/base", relation: "finetune" })]);
  });

  it("is deterministic and has no timestamp unless the report has one", () => {
    const a = renderSarif(sampleReport());
    expect(renderSarif(sampleReport())).toBe(a);
    expect(a).not.toMatch(/Time|generatedAt/);
    const stamped = toSarifLog({ ...sampleReport(), generatedAt: "2025-01-01T00:00:00.000Z" }).runs[0];
    expect(stamped?.invocations[0]?.endTimeUtc).toBe("2025-01-01T00:00:00.000Z");
  });

  it("never writes an absolute, network-path or dot-segment URI for hostile file or member names", () => {
    for (const a of run(hostileReport()).artifacts) {
      expect(a.location.uri).not.toMatch(/^\/|^[a-z]+:|(^|\/)\.\.?(\/|$)/i);
      expect(a.location.uri).not.toMatch(/[\s<>\u0000-\u001f]/);
    }
  });

  it("strips credentials from the Hub endpoint everywhere in the log", () => {
    expect(renderSarif(hostileReport())).not.toContain("user:secret@");
    expect(renderSarif(hostileReport())).toContain("https://hub.example.com/");
  });

  it("keeps an already-masked token in a message as it is (only a full stop is added)", () => {
    expect(resultOf(run(), "MG-SEC-001").message.text).toBe('config.json: Hugging Face token hf_abcd************ in field "api_key".');
  });

  it("turns kebab rule names into PascalCase", () => {
    expect(pascalCase("remote-code-trust-required")).toBe("RemoteCodeTrustRequired");
  });
});
