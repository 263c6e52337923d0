import { createHash, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ScanParams } from "../../../src/scan.js";
import type { ScanReport } from "../../../src/types/report.js";
import { newSigner, signedBundle, statementFor, type TestSigner } from "../../builders/model-signature-builder.js";
import { findingsOf, scanFiles, type FileMap } from "../../helpers/scan-files.js";

const MODEL: FileMap = {
  "README.md": "---\nlicense: mit\n---\n# signed model\n",
  "config.json": '{"model_type":"gpt2"}\n',
  "model.safetensors": new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20]),
};

function fingerprint(s: TestSigner): string {
  return `sha256:${createHash("sha256").update(createPublicKey(s.publicKeyPem).export({ type: "spki", format: "der" })).digest("hex")}`;
}

async function scanSigned(files: FileMap, bundle: string, params: Partial<ScanParams> = {}): Promise<ScanReport> {
  return scanFiles({ ...files, "model.sig": bundle }, params);
}

const sigFindings = (r: ScanReport) => r.findings.filter((f) => f.ruleId.startsWith("MG-SIG-"));
const item7 = (r: ScanReport) => r.checklist.find((i) => i.id === "weight-integrity");

describe("a model signed with a key", () => {
  const signer = newSigner();
  const good = signedBundle(statementFor(MODEL), signer);

  it("verifies with the signer's key: no signing finding", async () => {
    const report = await scanSigned(MODEL, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(sigFindings(report)).toEqual([]);
  });

  it("states 'signed by' the key fingerprint as checklist item 7 evidence", async () => {
    const report = await scanSigned(MODEL, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(item7(report)?.evidence[0]?.text).toBe(`signed by key ${fingerprint(signer)} (model.sig, 3 files in the signed manifest)`);
  });

  it("passes item 7 for a local folder whose every file matches the verified manifest", async () => {
    const report = await scanSigned(MODEL, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(item7(report)?.status).toBe("pass");
    expect(item7(report)?.summary).toContain("match the signed manifest");
  });

  it("is not accepted with another key (critical MG-SIG-001 naming the other key)", async () => {
    const other = newSigner();
    const report = await scanSigned(MODEL, good, { signing: { publicKeyPem: other.publicKeyPem } });
    const [f] = findingsOf(report, "MG-SIG-001");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("signed with another key");
    expect(f?.message).toContain(fingerprint(other));
    expect(report.verdict.passed).toBe(false);
  });

  it("is not accepted when the payload was changed after signing", async () => {
    const forged = statementFor({ ...MODEL, "config.json": '{"model_type":"evil"}\n' });
    const tampered = signedBundle(statementFor(MODEL), signer, { tamperedPayload: Buffer.from(JSON.stringify(forged)) });
    const report = await scanSigned({ ...MODEL, "config.json": '{"model_type":"evil"}\n' }, tampered, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("signature does not verify");
    // Nothing the forged manifest says is believed: no comparison was made.
    expect(findingsOf(report, "MG-SIG-002")).toEqual([]);
  });

  it("is not accepted when the subject digest does not match the listed files", async () => {
    const statement = statementFor(MODEL) as { subject: { digest: { sha256: string } }[] };
    const first = statement.subject[0];
    if (first) first.digest.sha256 = "0".repeat(64);
    const report = await scanSigned(MODEL, signedBundle(statement, signer), { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("manifest is inconsistent");
  });

  it("reports a file the signed manifest omits (critical MG-SIG-002)", async () => {
    const { ["config.json"]: _omitted, ...partial } = MODEL;
    const report = await scanSigned(MODEL, signedBundle(statementFor(partial), signer), { signing: { publicKeyPem: signer.publicKeyPem } });
    const found = findingsOf(report, "MG-SIG-002");
    expect(found.map((f) => f.message)).toEqual(["config.json: not in the signed manifest (model.sig)"]);
    expect(found[0]?.severity).toBe("critical");
    expect(item7(report)?.status).toBe("fail");
  });

  it("reports a file whose bytes differ from the signed hash", async () => {
    const report = await scanSigned({ ...MODEL, "config.json": '{"model_type":"gpt2","x":1}\n' }, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-002")[0]?.message).toMatch(/^config\.json: SHA-256 [0-9a-f]{64} differs from the signed [0-9a-f]{64} \(model\.sig\)$/);
  });

  it("reports a signed file that is missing from the repository", async () => {
    const { ["model.safetensors"]: _gone, ...rest } = MODEL;
    const report = await scanSigned(rest, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-002").map((f) => f.message)).toEqual(["model.safetensors: signed, but not in the repository (model.sig)"]);
  });

  it("does not count the repo's .gitattributes, which model_signing leaves out by default", async () => {
    const report = await scanSigned({ ...MODEL, ".gitattributes": "*.safetensors filter=lfs\n" }, good, { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(sigFindings(report)).toEqual([]);
  });

  it("reads a bundle given outside the repository (--signature)", async () => {
    const report = await scanFiles(MODEL, { signing: { publicKeyPem: signer.publicKeyPem, bundle: { name: "release.sig", bytes: Buffer.from(good) } } });
    expect(sigFindings(report)).toEqual([]);
    expect(item7(report)?.evidence[0]?.text).toContain("(release.sig, 3 files");
  });

  it("without a key or identity is only read, as a low MG-SIG-004", async () => {
    const report = await scanSigned(MODEL, good);
    expect(sigFindings(report).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["MG-SIG-004 low"]);
  });

  it("with --signer-identity is refused: a key signature carries no identity", async () => {
    const report = await scanSigned(MODEL, good, { signing: { identity: { subject: "alice@example.com", issuer: "https://accounts.google.com" } } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("signed with a key, not with a Sigstore certificate");
  });
});

describe("signatures that are not model signatures", () => {
  const signer = newSigner();

  it("reports a model.sig that is not a Sigstore bundle, and the scan goes on", async () => {
    const report = await scanSigned(MODEL, "not json", { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("not a Sigstore bundle");
    expect(report.files.map((f) => f.path)).toContain("model.safetensors");
  });

  it("reports a signed statement of another predicate type", async () => {
    const statement = { ...statementFor(MODEL), predicateType: "https://slsa.dev/provenance/v1" };
    const report = await scanSigned(MODEL, signedBundle(statement, signer), { signing: { publicKeyPem: signer.publicKeyPem } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("is not a model signature");
  });

  it("reports a certificate bundle whose certificate cannot be read, without crashing", async () => {
    const bundle = JSON.parse(signedBundle(statementFor(MODEL), signer)) as { verificationMaterial: Record<string, unknown> };
    bundle.verificationMaterial = { certificate: { rawBytes: Buffer.from("not a certificate").toString("base64") }, tlogEntries: [] };
    const report = await scanSigned(MODEL, JSON.stringify(bundle), { signing: { identity: { subject: "alice@example.com" } } });
    expect(findingsOf(report, "MG-SIG-001")).toHaveLength(1);
  });
});

describe("unsigned models", () => {
  it("are no finding by default", async () => {
    expect(sigFindings(await scanFiles(MODEL))).toEqual([]);
  });

  it("are a high MG-SIG-003 naming the signer when a key is given", async () => {
    const signer = newSigner();
    const report = await scanFiles(MODEL, { signing: { publicKeyPem: signer.publicKeyPem } });
    const [f] = findingsOf(report, "MG-SIG-003");
    expect(f?.severity).toBe("high");
    expect(f?.message).toBe(`the model has no signature (model.sig or --signature), but key ${fingerprint(signer)} was named as its signer`);
  });

  it("are a high MG-SIG-003 naming the identity when one is given", async () => {
    const report = await scanFiles(MODEL, { signing: { identity: { subject: "release@example.com", issuer: "https://accounts.google.com" } } });
    expect(findingsOf(report, "MG-SIG-003")[0]?.message).toContain("but release@example.com (issuer https://accounts.google.com) was named as its signer");
    expect(report.verdict.passed).toBe(false);
  });

  it("are a high MG-SIG-003 when the policy requires a signature", async () => {
    const report = await scanFiles(MODEL, { policy: { rules: {}, waivers: [], lists: {}, requireSignature: true } });
    expect(sigFindings(report).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["MG-SIG-003 high"]);
    expect(report.verdict.passed).toBe(false);
  });
});
