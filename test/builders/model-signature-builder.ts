import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";

/**
 * Builds OpenSSF model signatures as `model_signing` writes them (v1.0 format): an in-toto
 * statement whose predicate lists every file's SHA-256, in a DSSE envelope signed with an EC key,
 * inside a Sigstore bundle v0.3 with a public-key hint (SHA-256 of the key's PEM).
 */

export const PAYLOAD_TYPE = "application/vnd.in-toto+json";

export interface TestSigner {
  privateKey: KeyObject;
  publicKeyPem: string;
}

export function newSigner(): TestSigner {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

/** The v1.0 statement for files (path → content), resources sorted by name as model_signing does. */
export function statementFor(files: Record<string, Uint8Array | string>, options: { modelName?: string; ignorePaths?: string[] } = {}): Record<string, unknown> {
  const resources = Object.keys(files)
    .sort()
    .map((name) => ({ name, algorithm: "sha256", digest: sha256(files[name] ?? "") }));
  const root = createHash("sha256");
  for (const r of resources) root.update(Buffer.from(r.digest, "hex"));
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name: options.modelName ?? "model", digest: { sha256: root.digest("hex") } }],
    predicateType: "https://model_signing/signature/v1.0",
    predicate: {
      serialization: { method: "files", hash_type: "sha256", allow_symlinks: false, ignore_paths: options.ignorePaths ?? ["model.sig", ".git", ".gitattributes", ".github", ".gitignore"] },
      resources,
    },
  };
}

/** DSSE pre-authentication encoding (DSSE protocol v1). */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${payload.length} `), payload]);
}

export interface BundleOptions {
  /** Replace the payload after signing (a tampered envelope). */
  tamperedPayload?: Uint8Array;
  /** Key hint to write (default: SHA-256 of the signer's PEM). */
  hint?: string;
}

/** A Sigstore bundle JSON signing `payload` (a statement object or raw bytes) with the signer's key. */
export function signedBundle(statement: Record<string, unknown> | Uint8Array, signer: TestSigner, options: BundleOptions = {}): string {
  const payload = statement instanceof Uint8Array ? statement : Buffer.from(JSON.stringify(statement));
  const sig = sign("sha256", pae(PAYLOAD_TYPE, payload), signer.privateKey);
  return JSON.stringify({
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: { publicKey: { hint: options.hint ?? sha256(signer.publicKeyPem) }, tlogEntries: [] },
    dsseEnvelope: {
      payload: Buffer.from(options.tamperedPayload ?? payload).toString("base64"),
      payloadType: PAYLOAD_TYPE,
      signatures: [{ sig: sig.toString("base64"), keyid: "" }],
    },
  });
}
