/** Fact kinds about an OpenSSF model signature (a Sigstore bundle over an in-toto file manifest). */

export interface SignatureFile {
  /** The bundle's JSON text (bounded by MAX_TEXT_FILE_BYTES). */
  text: string;
}

export interface SignatureOutcome {
  /** Where the bundle came from: the repo path (`model.sig`) or the --signature file name. */
  source: string;
  /** verified, invalid (wrong key/signer, bad signature), malformed (not a bundle/manifest), not-verified (no key or identity given). */
  state: "verified" | "invalid" | "malformed" | "not-verified";
  method?: "key" | "identity";
  /** `key sha256:<fingerprint>` or `<identity> (issuer <url>)`, when verified. */
  signer?: string;
  /** Why the signature was not accepted. */
  reason?: string;
  /** Predicate type of the signed statement, when it was read. */
  predicateType?: string;
  /** Files the signed manifest lists. */
  manifestFiles?: number;
  /** Repo files whose content hash is not known (not downloaded, unreadable), so not compared. */
  notCompared?: string[];
}

export interface ManifestDifference {
  kind: "missing-from-manifest" | "not-in-repo" | "hash-differs";
  path: string;
  signed?: string;
  actual?: string;
  /** Where the manifest came from (the signature's source). */
  source: string;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    /** A `model.sig` file in the repo. */
    "signing.bundle-file": SignatureFile;
    /** The outcome of verifying the model signature. */
    "signing.signature": SignatureOutcome;
    /** One difference between the signed manifest and the files scanned. */
    "signing.manifest-difference": ManifestDifference;
    /**
     * No model signature was found. `required` when the policy requires one or the scan names who
     * must have signed (`signer`: the key fingerprint or identity given).
     */
    "signing.unsigned": { required: boolean; signer?: string };
  }
}
