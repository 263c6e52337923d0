import { errorMessage } from "../../errors.js";
import { readSignedManifest, IN_TOTO_PAYLOAD_TYPE, type SignedManifest } from "../../signing/signed-manifest.js";
import type { SigningParams } from "../../signing/signing-params.js";
import { loadPublicKey } from "../../signing/public-key.js";
import { identitySigner, keySigner } from "../../signing/signer-name.js";
import { fact, type Fact, type FactOf } from "../../types/fact.js";
import type { RepoInspector } from "../../types/inspector.js";
import type { ManifestDifference, SignatureOutcome } from "./facts.js";
import { SIGNATURE_FILE } from "./signature-file.js";

/** model_signing leaves these out of the manifest when a v0.2 signature does not say what it ignored. */
const V0_IGNORED = [SIGNATURE_FILE, ".git"];

function ignored(path: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => path === p || path.startsWith(`${p.replace(/\/+$/, "")}/`));
}

/** The scanned files' SHA-256, from the digests computed while they were read. */
function scannedHashes(facts: readonly Fact[]): { hashes: Map<string, string>; unknown: string[] } {
  const hashes = new Map<string, string>();
  const unknown: string[] = [];
  for (const f of facts) {
    if (f.kind !== "integrity.digest" || !f.artifact || f.artifact.parent) continue;
    const d = (f as FactOf<"integrity.digest">).data;
    if (d.actual?.sha256) hashes.set(f.artifact.path, d.actual.sha256.toLowerCase());
    else unknown.push(f.artifact.path);
  }
  return { hashes, unknown };
}

/** Who the scan says must have signed, as the report names it; none when no key or identity was given. */
function namedSigner(signing: SigningParams): string | undefined {
  if (signing.publicKeyPem) return keySigner(loadPublicKey(signing.publicKeyPem));
  if (signing.identity) return identitySigner(signing.identity.subject, signing.identity.issuer);
  return undefined;
}

export function compareManifest(manifest: SignedManifest, facts: readonly Fact[], source: string, signatureName: string): { differences: ManifestDifference[]; notCompared: string[] } {
  const ignore = [signatureName, ...(manifest.ignorePaths.length > 0 ? manifest.ignorePaths : V0_IGNORED)];
  const { hashes, unknown } = scannedHashes(facts);
  const differences: ManifestDifference[] = [];
  for (const [path, actual] of [...hashes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ignored(path, ignore)) continue;
    const signed = manifest.files.get(path);
    if (signed === undefined) differences.push({ kind: "missing-from-manifest", path, actual, source });
    else if (signed !== actual) differences.push({ kind: "hash-differs", path, signed, actual, source });
  }
  const present = new Set([...hashes.keys(), ...unknown]);
  for (const [path, signed] of [...manifest.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!present.has(path)) differences.push({ kind: "not-in-repo", path, signed, source });
  }
  return { differences, notCompared: unknown.filter((p) => !ignored(p, ignore)).sort() };
}

/**
 * Verifies the model signature (the --signature bundle, else a repo-root model.sig) with the key or
 * identity the scan was given, reads the signed in-toto manifest and compares it with the SHA-256
 * of every file scanned. Yields facts only; the signing checks decide what they mean.
 */
export const modelSignatureInspector: RepoInspector = {
  name: "model-signature",
  async *inspectRepo(facts, ctx) {
    const signing = ctx.signing ?? {};
    const file = facts.find((f): f is FactOf<"signing.bundle-file"> => f.kind === "signing.bundle-file");
    const bundle = signing.bundle ?? (file ? { name: file.artifact?.path ?? SIGNATURE_FILE, bytes: new TextEncoder().encode(file.data.text) } : undefined);
    if (!bundle) {
      // Naming the signer says a signature is expected: an unsigned model cannot be signed by them.
      const signer = namedSigner(signing);
      yield fact("signing.unsigned", { required: (signing.required ?? false) || signer !== undefined, ...(signer ? { signer } : {}) });
      return;
    }
    const where = bundle.name;
    const outcome: SignatureOutcome = { source: where, state: "malformed" };
    const ref = signing.bundle ? undefined : file?.artifact;
    // Loaded only for a signed model: the Sigstore libraries cost an unsigned scan's start-up a tenth of a second.
    const { verifyBundle } = await import("../../signing/verify-bundle.js");
    const v = verifyBundle(bundle.bytes, signing);
    if (v.state === "malformed" || v.state === "invalid") {
      yield fact("signing.signature", { ...outcome, state: v.state, reason: v.reason, ...(v.state === "invalid" ? { method: v.method } : {}) }, ref);
      return;
    }
    if (v.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
      yield fact("signing.signature", { ...outcome, reason: `the envelope's payload is ${v.payloadType}, not an in-toto statement` }, ref);
      return;
    }
    let manifest: SignedManifest;
    try {
      manifest = readSignedManifest(v.payload, where);
    } catch (e) {
      yield fact("signing.signature", { ...outcome, reason: errorMessage(e) }, ref);
      return;
    }
    // A signature nobody vouched for proves nothing, so its manifest is not compared.
    if (v.state === "not-verified") {
      yield fact("signing.signature", { source: where, state: "not-verified", predicateType: manifest.predicateType, manifestFiles: manifest.files.size }, ref);
      return;
    }
    const { differences, notCompared } = compareManifest(manifest, facts, where, file?.artifact?.path ?? SIGNATURE_FILE);
    yield fact("signing.signature", { source: where, state: "verified", method: v.method, signer: v.signer, predicateType: manifest.predicateType, manifestFiles: manifest.files.size, ...(notCompared.length > 0 ? { notCompared } : {}) }, ref);
    for (const d of differences) yield fact("signing.manifest-difference", d, d.kind === "not-in-repo" ? undefined : { path: d.path });
  },
};
