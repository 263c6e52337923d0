/** How a scan verifies a model signature (CLI: --signature, --signature-key, --signer-identity, --signer-issuer). */
export interface SigningParams {
  /** A Sigstore bundle given outside the repo; `name` is how the report refers to it. */
  bundle?: { name: string; bytes: Uint8Array };
  /** PEM public key the signature must verify with. */
  publicKeyPem?: string;
  /** Sigstore identity (certificate SAN, exact) and OIDC issuer the signing certificate must carry. */
  identity?: { subject: string; issuer?: string };
  /** The policy requires a signature (`requireSignature: true`). */
  required?: boolean;
}
