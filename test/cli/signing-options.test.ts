import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newSigner, signedBundle, statementFor } from "../builders/model-signature-builder.js";
import { writeTempRepo } from "../helpers/scan-files.js";
import { FIXTURES, cli } from "./cli-harness.js";

const FILES = { "README.md": "---\nlicense: mit\n---\n# m\n", "config.json": "{}\n" };
const signer = newSigner();
const keys = mkdtempSync(join(tmpdir(), "modelgate-keys-"));
const keyPath = join(keys, "publisher.pem");
writeFileSync(keyPath, signer.publicKeyPem);
const otherPath = join(keys, "other.pem");
writeFileSync(otherPath, newSigner().publicKeyPem);
const sigPath = join(keys, "release.sig");
writeFileSync(sigPath, signedBundle(statementFor(FILES), signer));
const repo = writeTempRepo(FILES);
afterAll(() => {
  rmSync(keys, { recursive: true, force: true });
  repo.cleanup();
});

describe("scan --signature / --signature-key", () => {
  it("exits 0 when the signature verifies with the publisher's key", async () => {
    const run = await cli(["scan", repo.dir, "--signature", sigPath, "--signature-key", keyPath, "--format", "json"]);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; checklist: { id: string; evidence: { text: string }[] }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith("MG-SIG"))).toEqual([]);
    expect(report.checklist.find((i) => i.id === "weight-integrity")?.evidence[0]?.text).toMatch(/^signed by key sha256:[0-9a-f]{64} \(release\.sig/);
    expect(run.code).toBe(0);
  });

  it("exits 1 with MG-SIG-001 when another key is given", async () => {
    const run = await cli(["scan", repo.dir, "--signature", sigPath, "--signature-key", otherPath, "--format", "json"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain("MG-SIG-001");
  });

  it("is a usage error (exit 2) when the key file is not a public key", async () => {
    const run = await cli(["scan", repo.dir, "--signature", sigPath, "--signature-key", sigPath]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--signature-key: not a PEM public key");
  });

  it("is a usage error to give a key and an identity together", async () => {
    const run = await cli(["scan", repo.dir, "--signature-key", keyPath, "--signer-identity", "a@example.com"]);
    expect(run.code).toBe(2);
  });

  it("is a usage error to give one --signature for several targets, and names the way out", async () => {
    const other = writeTempRepo(FILES);
    try {
      const run = await cli(["scan", repo.dir, other.dir, "--signature", sigPath, "--signature-key", keyPath]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("with several targets each target's own model.sig is read");
    } finally {
      other.cleanup();
    }
  });
});

describe("scan --signer-identity / --signer-issuer (keyless, real public-good bundle)", () => {
  const signed = join(FIXTURES, "signing", "public-good-v1.0");

  it("exits 0 for the signer's identity and issuer", async () => {
    const run = await cli(["scan", signed, "--signer-identity", "stefanb@us.ibm.com", "--signer-issuer", "https://sigstore.verify.ibm.com/oauth2", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; checklist: { id: string; status: string }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith("MG-SIG"))).toEqual([]);
    expect(report.checklist.find((i) => i.id === "weight-integrity")?.status).toBe("pass");
    expect(run.code).toBe(0);
  });

  it("exits 1 with MG-SIG-001 for another identity", async () => {
    const run = await cli(["scan", signed, "--signer-identity", "someone@example.com", "--format", "json"]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain("MG-SIG-001");
  });

  it("applies the identity to every target of a many-target run", async () => {
    const run = await cli(["scan", signed, repo.dir, "--signer-identity", "stefanb@us.ibm.com", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { reports: { findings: { ruleId: string }[] }[] };
    const sigRules = report.reports.map((r) => r.findings.filter((f) => f.ruleId.startsWith("MG-SIG")).map((f) => f.ruleId));
    // The signed folder verifies; the other one has no signature, which the named signer makes a finding.
    expect(sigRules.sort()).toEqual([[], ["MG-SIG-003"]]);
    expect(run.code).toBe(1);
  });
});

