import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";
import { verifyBundle } from "../../../src/signing/verify-bundle.js";
import type { ScanReport } from "../../../src/types/report.js";
import { FIXTURES } from "../../cli/cli-harness.js";
import { newSigner } from "../../builders/model-signature-builder.js";
import { findingsOf } from "../../helpers/scan-files.js";

/**
 * A real keyless OpenSSF model signature (model_signing v1.0, Sigstore public-good Fulcio
 * certificate, Rekor entry with inclusion proof and SCT), verified offline against the trusted
 * root bundled with @sigstore/tuf. Source: fixtures/SOURCES.md.
 */
const SIGNED = join(FIXTURES, "signing", "public-good-v1.0");
const PUBLISHER = { subject: "stefanb@us.ibm.com", issuer: "https://sigstore.verify.ibm.com/oauth2" };
const BUNDLE = readFileSync(join(SIGNED, "model.sig"));

const sigFindings = (r: ScanReport) => r.findings.filter((f) => f.ruleId.startsWith("MG-SIG-"));
const item7 = (r: ScanReport) => r.checklist.find((i) => i.id === "weight-integrity");

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the signed folder, changed by `edit`. */
function copyOfSigned(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-keyless-"));
  temps.push(dir);
  cpSync(SIGNED, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("a keyless Sigstore model signature (real public-good bundle)", () => {
  it("is accepted for its signer's identity and issuer, offline", async () => {
    const report = await scan({ target: SIGNED, signing: { identity: PUBLISHER } });
    expect(sigFindings(report)).toEqual([]);
    expect(item7(report)?.status).toBe("pass");
  });

  it("states the certificate identity and issuer as checklist item 7 evidence", async () => {
    const report = await scan({ target: SIGNED, signing: { identity: PUBLISHER } });
    expect(item7(report)?.evidence[0]?.text).toBe("signed by stefanb@us.ibm.com (issuer https://sigstore.verify.ibm.com/oauth2) (model.sig, 2 files in the signed manifest)");
    expect(item7(report)?.summary).toBe("all 2 signed file(s) match the signed manifest; signed by stefanb@us.ibm.com (issuer https://sigstore.verify.ibm.com/oauth2)");
  });

  it("is accepted for the identity alone, and the report names the issuer the certificate carries", () => {
    const v = verifyBundle(BUNDLE, { identity: { subject: PUBLISHER.subject } });
    expect(v.state === "verified" && v.signer).toBe("stefanb@us.ibm.com (issuer https://sigstore.verify.ibm.com/oauth2)");
  });

  it("is refused for another identity: critical MG-SIG-001 naming the identity it carries", async () => {
    const report = await scan({ target: SIGNED, signing: { identity: { subject: "release-bot@example.com", issuer: PUBLISHER.issuer } } });
    const [f] = findingsOf(report, "MG-SIG-001");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("got stefanb@us.ibm.com");
    expect(report.verdict.passed).toBe(false);
  });

  it("is refused for the right identity from another issuer", async () => {
    const report = await scan({ target: SIGNED, signing: { identity: { subject: PUBLISHER.subject, issuer: "https://accounts.google.com" } } });
    expect(findingsOf(report, "MG-SIG-001")[0]?.message).toContain("got issuer=https://sigstore.verify.ibm.com/oauth2");
  });

  it.each([["a longer address", "stefanb@us.ibm.com.attacker.example"], ["a prefix of it", "stefanb@us.ibm"], ["a pattern matching it", "stefanb@.*"]])(
    "matches the identity whole, never as a pattern: %s is refused",
    (_, subject) => {
      expect(verifyBundle(BUNDLE, { identity: { subject } }).state).toBe("invalid");
    },
  );

  it("is refused when a signed file was changed: critical MG-SIG-002 naming the file", async () => {
    const dir = copyOfSigned((d) => writeFileSync(join(d, "signme-2"), "signme-2 changed"));
    const report = await scan({ target: dir, signing: { identity: PUBLISHER } });
    const found = findingsOf(report, "MG-SIG-002");
    expect(found.map((f) => `${f.severity} ${f.message.split(":")[0]}`)).toEqual(["critical signme-2"]);
    expect(item7(report)?.status).toBe("fail");
  });

  it("reports a file added next to the signed ones", async () => {
    const dir = copyOfSigned((d) => writeFileSync(join(d, "extra.bin"), "not signed"));
    const report = await scan({ target: dir, signing: { identity: PUBLISHER } });
    expect(findingsOf(report, "MG-SIG-002").map((f) => f.message)).toEqual(["extra.bin: not in the signed manifest (model.sig)"]);
  });

  it("is refused when the signed payload was altered", async () => {
    const bundle = JSON.parse(BUNDLE.toString("utf8")) as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString("utf8")) as { predicate: { resources: { digest: string }[] } };
    const first = statement.predicate.resources[0];
    if (first) first.digest = "0".repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString("base64");
    expect(verifyBundle(Buffer.from(JSON.stringify(bundle)), { identity: PUBLISHER }).state).toBe("invalid");
  });

  it("is refused without its transparency-log entry", () => {
    const bundle = JSON.parse(BUNDLE.toString("utf8")) as { verificationMaterial: { tlogEntries: unknown[] } };
    bundle.verificationMaterial.tlogEntries = [];
    expect(verifyBundle(Buffer.from(JSON.stringify(bundle)), { identity: PUBLISHER }).state).not.toBe("verified");
  });

  it("is refused for a public key: the bundle carries a certificate", () => {
    const v = verifyBundle(BUNDLE, { publicKeyPem: newSigner().publicKeyPem });
    expect(v.state === "invalid" && v.reason).toBe("the bundle is signed with a certificate, not with a key");
  });

  it("without a key or identity is read but not trusted (low MG-SIG-004)", async () => {
    const report = await scan({ target: SIGNED });
    expect(sigFindings(report).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["MG-SIG-004 low"]);
  });
});
