import type { RuleMeta } from "../../src/catalog/rule.js";
import type { ChecklistItem } from "../../src/types/checklist.js";
import type { Finding } from "../../src/types/finding.js";
import type { ScanReport } from "../../src/types/report.js";

/** Hand-built rules so the goldens do not move when the real catalog grows. */
function rule(id: string, name: string, severity: RuleMeta["severity"], checklist: RuleMeta["checklist"], extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    name,
    family: name.split("-")[0] ?? "general",
    checklist,
    severity,
    confidence: "high",
    summary: `Summary of ${name}.`,
    description: `Description of ${name}.`,
    remediation: `Remediation for ${name}.`,
    cwe: [],
    references: [],
    tags: ["security"],
    messages: { default: "{{path}}" },
    ...extra,
  };
}

export const SAMPLE_RULES: RuleMeta[] = [
  rule("MG-CARD-001", "card-missing-license", "low", "data-provenance", { confidence: "medium", tags: ["documentation"] }),
  rule("MG-INT-001", "integrity-hash-mismatch", "critical", "weight-integrity", { cwe: ["CWE-494", "CWE-345"], references: ["https://huggingface.co/docs/hub/storage-backends"] }),
  rule("MG-INT-002", "integrity-unverifiable", "info", "weight-integrity", { tags: ["supply-chain"] }),
  rule("MG-PKL-001", "pickle-dangerous-global", "critical", "dependency-scanning", { cwe: ["CWE-502"] }),
  rule("MG-SEC-001", "secret-hf-token", "high", "dependency-scanning", { cwe: ["CWE-798"], confidence: "medium" }),
  rule("MG-TPL-001", "template-suspicious-construct", "medium", "dependency-scanning", { confidence: "low" }),
];

const SHA = "0123456789abcdef0123456789abcdef01234567";
const bin = { path: "pytorch_model.bin" };

export const SAMPLE_FINDINGS: Finding[] = [
  {
    ruleId: "MG-INT-001",
    ruleName: "integrity-hash-mismatch",
    severity: "critical",
    message: "pytorch_model.bin: SHA-256 differs from the published lfs.oid",
    artifact: bin,
    evidence: [{ text: "expected 1111111111111111111111111111111111111111111111111111111111111111" }],
    fingerprint: "f0000000000000000000000000000001",
  },
  {
    ruleId: "MG-PKL-001",
    ruleName: "pickle-dangerous-global",
    severity: "critical",
    message: "pytorch_model.bin!/archive/data.pkl imports os.system",
    artifact: { path: "archive/data.pkl", parent: bin },
    region: { byteOffset: 42, byteLength: 14, snippet: "GLOBAL 'os system'" },
    evidence: [{ text: "REDUCE follows at offset 0x40", artifact: { path: "archive/data.pkl", parent: bin }, region: { byteOffset: 64, byteLength: 1 } }],
    fingerprint: "f0000000000000000000000000000002",
  },
  {
    ruleId: "MG-SEC-001",
    ruleName: "secret-hf-token",
    severity: "high",
    message: "config.json: Hugging Face token hf_abcd************ in field \"api_key\"",
    artifact: { path: "config.json" },
    region: { startLine: 4, endLine: 4 },
    evidence: [],
    fingerprint: "f0000000000000000000000000000003",
  },
  {
    ruleId: "MG-TPL-001",
    ruleName: "template-suspicious-construct",
    severity: "medium",
    message: "tokenizer_config.json: chat template reads __class__",
    artifact: { path: "tokenizer_config.json" },
    region: { startLine: 3, endLine: 5 },
    evidence: [],
    fingerprint: "f0000000000000000000000000000004",
  },
  {
    ruleId: "MG-CARD-001",
    ruleName: "card-missing-license",
    severity: "low",
    message: "the model card declares no license",
    evidence: [],
    fingerprint: "f0000000000000000000000000000005",
  },
  {
    ruleId: "MG-INT-002",
    ruleName: "integrity-unverifiable",
    severity: "info",
    message: "notes.txt: no published hash to verify against",
    artifact: { path: "notes.txt" },
    evidence: [],
    fingerprint: "f0000000000000000000000000000006",
    suppressed: { reason: "generated at build time, reviewed by security team" },
  },
];

function item(number: number, id: ChecklistItem["id"], title: string, status: ChecklistItem["status"], summary: string, evidence: ChecklistItem["evidence"] = [], ruleIds: string[] = []): ChecklistItem {
  return { id, number, title, description: `What item ${number} covers.`, status, summary, evidence, ruleIds };
}

export const SAMPLE_CHECKLIST: ChecklistItem[] = [
  item(1, "model-source", "Model source", "pass", "pinned to a commit of a public, ungated repo", [
    { text: "repository: https://huggingface.co/acme/tiny-model" },
    { text: `commit: ${SHA}` },
  ]),
  item(2, "data-provenance", "Training data provenance and licenses", "review", "1 finding(s) need a person's judgement", [{ text: "MG-CARD-001 card-missing-license: the model card declares no license" }], ["MG-CARD-001"]),
  item(3, "pii-sanitization", "Data sanitization and PII handling", "not-checked", "no check for this item ran on this target"),
  item(4, "architecture-documentation", "Model architecture documented", "not-applicable", "no config.json in this repo"),
  item(5, "training-pipeline", "Training pipeline security controls", "review", "needs a person"),
  item(6, "dependency-scanning", "Dependency scanning for model libraries", "fail", "3 finding(s) at medium severity or above", [
    { text: "MG-PKL-001 pickle-dangerous-global: pytorch_model.bin!/archive/data.pkl imports os.system", artifact: { path: "archive/data.pkl", parent: bin } },
  ], ["MG-PKL-001", "MG-SEC-001", "MG-TPL-001"]),
  item(7, "weight-integrity", "Model weight integrity", "fail", "1 mismatch", [{ text: "pytorch_model.bin: mismatch", artifact: bin }], ["MG-INT-001", "MG-INT-002"]),
];

/** A fixed report exercising every reporter feature: Hub provenance, members, regions, waivers. */
export function sampleReport(): ScanReport {
  const lineage = [
    { kind: "model", repoId: "acme/base", depth: 1, parent: null, status: "found", license: ["apache-2.0"], licenseName: null, gated: false, hasCard: true, relation: "finetune", detail: null },
  ];
  const sections = { lineage } as unknown as ScanReport["sections"];
  return {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: "0.1.0" },
    target: { kind: "hub", input: "acme/tiny-model", repoId: "acme/tiny-model", revision: "main", commitSha: SHA, hubUrl: "https://huggingface.co" },
    source: {
      hubUrl: "https://huggingface.co",
      repoId: "acme/tiny-model",
      owner: "acme",
      revision: "main",
      commitSha: SHA,
      gated: false,
      private: false,
      createdAt: "2024-01-02T03:04:05.000Z",
      libraryName: "transformers",
      pipelineTag: "text-generation",
      tags: ["pytorch"],
    },
    options: { metadataOnly: false },
    files: [
      { path: "README.md", size: 120, format: "text", gitSha1: "a".repeat(40), sha256: "b".repeat(64), expected: { gitSha1: "a".repeat(40), size: 120 }, verification: "verified", bytesTransferred: 120 },
      { path: "config.json", size: 300, format: "json", gitSha1: "c".repeat(40), sha256: "d".repeat(64), expected: { gitSha1: "c".repeat(40), size: 300 }, verification: "verified", bytesTransferred: 300 },
      { path: "model.safetensors", size: 5000, verification: "unreadable", note: "connection reset", expected: { sha256: "e".repeat(64), lfs: true, size: 5000 }, bytesTransferred: 1024 },
      { path: "notes.txt", size: 10, format: "text", sha256: "f".repeat(64), verification: "unverifiable", note: "no published hash to compare with" },
      {
        path: "pytorch_model.bin",
        size: 2048,
        format: "pytorch-zip",
        sha256: "9".repeat(64),
        expected: { sha256: "1".repeat(64), lfs: true, size: 2048 },
        verification: "mismatch",
        note: "sha256 differs",
        bytesTransferred: 2048,
        members: [
          { path: "pytorch_model.bin!/archive/data.pkl", format: "pickle", size: 96 },
          { path: "pytorch_model.bin!/archive/data/0", format: "unknown", size: 16 },
        ],
        hubSecurityStatus: "unsafe",
      },
      { path: "tokenizer_config.json", size: 400, format: "json", gitSha1: "8".repeat(40), sha256: "7".repeat(64), verification: "verified", bytesTransferred: 400 },
    ],
    // Copies: tests edit the report they get, and test files share this module (isolate: false).
    checklist: structuredClone(SAMPLE_CHECKLIST),
    findings: structuredClone(SAMPLE_FINDINGS),
    incomplete: [{ path: "model.safetensors", reason: "could not be read: connection reset" }],
    rules: structuredClone(SAMPLE_RULES),
    sections,
    verdict: { failOn: "high", passed: false, incomplete: true, allowIncomplete: false, counts: { critical: 2, high: 1, medium: 1, low: 1, info: 0 }, highest: "critical" },
  };
}

/**
 * The sample report with checklist evidence that names files and regions, as real scans give it:
 * item 3 quoting README.md lines 44-46 (plus a second quote), item 4 naming config.json, and one
 * inverted line range a careless item could produce, which must still make a valid region.
 */
export function locatedChecklistReport(): ScanReport {
  const report = sampleReport();
  const readme = { path: "README.md" };
  report.checklist = report.checklist.map((i) => {
    if (i.number === 3) {
      return { ...i, status: "review", evidence: [
        { text: "no artifact: scanned the card" },
        { text: 'README.md lines 44-46: "we removed emails" (sanitization claim)', artifact: readme, region: { startLine: 44, endLine: 46, snippet: "we removed emails" } },
        { text: 'README.md line 50: "names kept" (PII mention)', artifact: readme, region: { startLine: 50, endLine: 49 } },
      ] };
    }
    if (i.number === 4) return { ...i, status: "pass", summary: "config.json declares the architecture", evidence: [{ text: "config.json: architectures LlamaForCausalLM", artifact: { path: "config.json" } }] };
    return i;
  });
  return report;
}
