import type { KeyObject } from "node:crypto";
import { keyFingerprint } from "./public-key.js";

// How reports name a signer, one spelling for the signer that verified and the one the scan named.

/** `key sha256:<fingerprint>`. */
export function keySigner(key: KeyObject): string {
  return `key ${keyFingerprint(key)}`;
}

/** `<identity> (issuer <url>)`, or the identity alone when no issuer is known. */
export function identitySigner(subject: string, issuer: string | undefined): string {
  return issuer ? `${subject} (issuer ${issuer})` : subject;
}
