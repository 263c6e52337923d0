import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { EMPTY_POLICY } from "../../src/policy/policy.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { newSigner, signedBundle, statementFor } from "../builders/model-signature-builder.js";
import { FIXTURES } from "../cli/cli-harness.js";
import { findingsOf, scanFiles, type FileMap } from "../helpers/scan-files.js";
import { assessmentOf } from "../assessment/assessment-helpers.js";

const MODEL: FileMap = {
  "README.md": "---\nlicense: mit\n---\n# signed model\n",
  "config.json": '{"model_type":"gpt2"}\n',
  "model.safetensors": new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20]),
};
const signer = newSigner();
const SIGNED: FileMap = { ...MODEL, "model.sig": signedBundle(statementFor(MODEL), signer) };

const requirement = (r: ScanReport, id: string) => assessmentOf(r).tier?.requirements.find((x) => x.id === id);

describe("Tier 3 and model signatures", () => {
  it("does not ask for a signature when no signer is named, and says so", async () => {
    const report = await scanFiles(MODEL, { tier: 3 });
    const req = requirement(report, "signed-by-publisher");
    expect(req?.met).toBe(true);
    expect(req?.reason).toMatch(/^not required: no signer named/);
  });

  it("is met when the model is signed by the named key and every file is as signed", async () => {
    const report = await scanFiles(SIGNED, { tier: 3, signing: { publicKeyPem: signer.publicKeyPem } });
    const req = requirement(report, "signed-by-publisher");
    expect(req?.met).toBe(true);
    expect(req?.reason).toMatch(/^signed by key sha256:[0-9a-f]{64}; all 3 signed file\(s\) match$/);
  });

  it("counts files the verified signed manifest vouches for as verified (a local folder has no published hashes)", async () => {
    const unsigned = await scanFiles(MODEL, { tier: 3 });
    const signed = await scanFiles(SIGNED, { tier: 3, signing: { publicKeyPem: signer.publicKeyPem } });
    expect(requirement(unsigned, "files-verified")?.met).toBe(false);
    const req = requirement(signed, "files-verified");
    expect(req?.met).toBe(true);
    expect(req?.reason).toMatch(/^all 4 file\(s\) verified: 0 against published hashes, 4 against the signed manifest of key sha256:/);
  });

  it("fails an unsigned model once a signer is named", async () => {
    const report = await scanFiles(MODEL, { tier: 3, signing: { identity: { subject: "release@example.com", issuer: "https://accounts.google.com" } } });
    expect(requirement(report, "signed-by-publisher")).toMatchObject({ met: false, reason: "the model has no signature (model.sig or --signature)" });
    expect(report.verdict.tier?.passed).toBe(false);
  });

  it("plans the publisher's signature as the remediation for an unsigned model once a signer is named", async () => {
    const report = await scanFiles(MODEL, { tier: 3, signing: { publicKeyPem: signer.publicKeyPem } });
    const action = assessmentOf(report).remediation.find((r) => r.id === "obtain-signature");
    expect(action?.requirements).toEqual(["signed-by-publisher"]);
  });

  it("plans not to load a model whose files differ from the signed manifest, before use", async () => {
    const report = await scanFiles({ ...SIGNED, "config.json": "{}\n" }, { tier: 3, signing: { publicKeyPem: signer.publicKeyPem } });
    const action = assessmentOf(report).remediation.find((r) => r.id === "refuse-broken-signature");
    expect(action?.text).toMatch(/^Do not load /);
    expect(action?.due.days).toBe(0);
  });

  it("fails when the policy requires a signature but names nobody to check it against", async () => {
    const report = await scanFiles(SIGNED, { tier: 3, policy: { ...EMPTY_POLICY, requireSignature: true } });
    expect(requirement(report, "signed-by-publisher")?.reason).toBe("model.sig was read, but no key or identity was given to check who signed it");
  });

  it("fails a file changed after signing and names it, even though the signature itself holds", async () => {
    const report = await scanFiles({ ...SIGNED, "config.json": '{"model_type":"gpt2","x":1}\n' }, { tier: 3, signing: { publicKeyPem: signer.publicKeyPem } });
    const req = requirement(report, "signed-by-publisher");
    expect(req?.met).toBe(false);
    expect(req?.evidence.map((e) => `${e.path}: ${e.text}`)).toContain("config.json: differs from the signed hash");
    expect(requirement(report, "files-verified")?.met).toBe(false);
  });

  it("fails another publisher's signature", async () => {
    const report = await scanFiles(SIGNED, { tier: 3, signing: { publicKeyPem: newSigner().publicKeyPem } });
    expect(requirement(report, "signed-by-publisher")?.reason).toMatch(/^model\.sig is not accepted: signed with another key/);
  });

  it("is met for the real keyless public-good signature and its identity", async () => {
    const report = await scan({ target: join(FIXTURES, "signing", "public-good-v1.0"), tier: 3, signing: { identity: { subject: "stefanb@us.ibm.com", issuer: "https://sigstore.verify.ibm.com/oauth2" } } });
    expect(requirement(report, "signed-by-publisher")?.reason).toBe("signed by stefanb@us.ibm.com (issuer https://sigstore.verify.ibm.com/oauth2); all 2 signed file(s) match");
  });

  it("is not a requirement of Tiers 1 and 2", async () => {
    for (const tier of [1, 2] as const) {
      const report = await scanFiles(MODEL, { tier, signing: { publicKeyPem: signer.publicKeyPem } });
      expect(requirement(report, "signed-by-publisher")).toBeUndefined();
      // Naming a signer still makes the missing signature a finding at every tier.
      expect(findingsOf(report, "MG-SIG-003")).toHaveLength(1);
    }
  });
});
