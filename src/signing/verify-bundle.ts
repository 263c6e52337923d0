import { createHash, type KeyObject } from "node:crypto";
import { bundleFromJSON, type Bundle } from "@sigstore/bundle";
import type { TrustedRoot } from "@sigstore/protobuf-specs";
import { toSignedEntity, toTrustMaterial, Verifier, type VerificationPolicy } from "@sigstore/verify";
import type { SigningParams } from "./signing-params.js";
import { keyFingerprint, loadPublicKey } from "./public-key.js";
import { identitySigner, keySigner } from "./signer-name.js";
import { bundledTrustedRoot } from "./trusted-root.js";

export { keyFingerprint, loadPublicKey };

/** What verifying one bundle established. Facts only: which outcome matters is for the checks. */
export type BundleVerification =
  | { state: "verified"; method: "key" | "identity"; signer: string; payloadType: string; payload: Uint8Array }
  /** The bundle parsed but its signature does not hold for the given key or identity. */
  | { state: "invalid"; method: "key" | "identity"; reason: string }
  /** Not a Sigstore bundle with a DSSE envelope. */
  | { state: "malformed"; reason: string }
  /** No key or identity was given, so nothing vouches for the payload. */
  | { state: "not-verified"; payloadType: string; payload: Uint8Array };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function envelopeOf(bundle: Bundle): { payloadType: string; payload: Uint8Array } | undefined {
  return bundle.content.$case === "dsseEnvelope" ? { payloadType: bundle.content.dsseEnvelope.payloadType, payload: bundle.content.dsseEnvelope.payload } : undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function verifyWithKey(bundle: Bundle, key: KeyObject): BundleVerification {
  const content = bundle.verificationMaterial.content;
  if (content.$case !== "publicKey") return { state: "invalid", method: "key", reason: "the bundle is signed with a certificate, not with a key" };
  // model_signing writes the SHA-256 of the key's PEM as a hint; a different hint names another key.
  const pem = key.export({ type: "spki", format: "pem" }).toString();
  const hint = content.publicKey.hint;
  const trust = toTrustMaterial({ certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] } as unknown as TrustedRoot, () => ({ publicKey: key, validFor: () => true }));
  // A key-signed model_signing bundle carries no transparency-log entry or timestamp to require.
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  try {
    verifier.verify(toSignedEntity(bundle));
  } catch (e) {
    const otherKey = hint && hint !== createHash("sha256").update(pem).digest("hex");
    return { state: "invalid", method: "key", reason: otherKey ? `signed with another key (key hint ${hint}), not ${keyFingerprint(key)}` : `signature does not verify with key ${keyFingerprint(key)}: ${message(e)}` };
  }
  const env = envelopeOf(bundle);
  if (!env) return { state: "malformed", reason: "the bundle signs a message, not a DSSE envelope" };
  return { state: "verified", method: "key", signer: keySigner(key), ...env };
}

function verifyWithIdentity(bundle: Bundle, identity: { subject: string; issuer?: string }, root: TrustedRoot): BundleVerification {
  if (bundle.verificationMaterial.content.$case === "publicKey") return { state: "invalid", method: "identity", reason: "the bundle is signed with a key, not with a Sigstore certificate" };
  const verifier = new Verifier(toTrustMaterial(root));
  // The identity is matched whole, never as a pattern: a regular expression from the command line
  // would let "alice@example.com" also accept "alice@example.com.attacker.net".
  const policy: VerificationPolicy = { subjectAlternativeName: `^${escapeRegExp(identity.subject)}$`, ...(identity.issuer ? { extensions: { issuer: identity.issuer } } : {}) };
  let signer: string;
  try {
    const result = verifier.verify(toSignedEntity(bundle), policy);
    signer = identitySigner(result.identity?.subjectAlternativeName ?? identity.subject, result.identity?.extensions?.issuer);
  } catch (e) {
    return { state: "invalid", method: "identity", reason: message(e) };
  }
  const env = envelopeOf(bundle);
  if (!env) return { state: "malformed", reason: "the bundle signs a message, not a DSSE envelope" };
  return { state: "verified", method: "identity", signer, ...env };
}

/**
 * Verifies a Sigstore bundle (JSON bytes) with a public key or a Sigstore identity using
 * @sigstore/bundle and @sigstore/verify. Never throws for a bad bundle: the outcome says why.
 */
export function verifyBundle(bytes: Uint8Array, signing: SigningParams, root?: TrustedRoot): BundleVerification {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch (e) {
    return { state: "malformed", reason: `not a Sigstore bundle: ${message(e)}` };
  }
  if (signing.publicKeyPem) return verifyWithKey(bundle, loadPublicKey(signing.publicKeyPem));
  if (signing.identity) return verifyWithIdentity(bundle, signing.identity, root ?? bundledTrustedRoot());
  const env = envelopeOf(bundle);
  if (!env) return { state: "malformed", reason: "the bundle signs a message, not a DSSE envelope" };
  return { state: "not-verified", ...env };
}
