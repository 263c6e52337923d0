import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { ConfigError } from "../errors.js";

// Key handling apart from verify-bundle.ts: the CLI checks --signature-key when it reads its options,
// and a report names the key, without loading the Sigstore libraries.

/** Parses the --signature-key PEM. */
export function loadPublicKey(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.type !== "public") throw new Error("not a public key");
    return key;
  } catch (e) {
    throw new ConfigError(`--signature-key: not a PEM public key (${(e as Error).message})`);
  }
}

/** SHA-256 over the DER SubjectPublicKeyInfo: how the report names a key. */
export function keyFingerprint(key: KeyObject): string {
  return `sha256:${createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("hex")}`;
}
