import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/errors.js";
import { readSignedManifest } from "../../src/signing/signed-manifest.js";
import { bundledTrustedRoot } from "../../src/signing/trusted-root.js";
import { statementFor } from "../builders/model-signature-builder.js";

const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));

describe("readSignedManifest", () => {
  it("reads every file of a v1.0 statement with its SHA-256 and the signer's ignore list", () => {
    const m = readSignedManifest(bytes(statementFor({ "a.bin": "a", "d/b.json": "b" }, { modelName: "tiny" })), "model.sig");
    expect(m.modelName).toBe("tiny");
    expect([...m.files.keys()]).toEqual(["a.bin", "d/b.json"]);
    expect(m.files.get("a.bin")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    expect(m.ignorePaths).toContain(".gitattributes");
  });

  it("reads the v0.2 format, one subject per file", () => {
    const digest = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    const m = readSignedManifest(bytes({ _type: "https://in-toto.io/Statement/v1", subject: [{ name: "a.bin", digest: { sha256: digest } }], predicateType: "https://model_signing/Digests/v0.1", predicate: {} }), "model.sig");
    expect(m.files.get("a.bin")).toBe(digest);
  });

  it("refuses a file listed twice", () => {
    const s = statementFor({ a: "1" }) as { predicate: { resources: unknown[] } };
    s.predicate.resources.push(s.predicate.resources[0]);
    expect(() => readSignedManifest(bytes(s), "model.sig")).toThrow(ParseError);
  });

  it("refuses a resource hashed with something else than sha256", () => {
    const s = statementFor({ a: "1" }) as { predicate: { resources: { algorithm: string }[] } };
    const first = s.predicate.resources[0];
    if (first) first.algorithm = "blake2b";
    expect(() => readSignedManifest(bytes(s), "model.sig")).toThrow(/hashed with "blake2b"/);
  });
});

describe("bundled Sigstore trusted root", () => {
  it("loads offline from @sigstore/tuf's seed with Fulcio CAs and Rekor logs", () => {
    const root = bundledTrustedRoot();
    expect(root.certificateAuthorities.length).toBeGreaterThan(0);
    expect(root.tlogs.length).toBeGreaterThan(0);
  });
});
