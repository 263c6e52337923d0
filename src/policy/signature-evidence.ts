import type { SigningParams } from "../signing/signing-params.js";
import type { Fact, FactOf } from "../types/fact.js";
import "../inspectors/signing/facts.js";
import type { SignatureEvidence } from "./tier-requirements.js";

/** The signing facts of a scan, gathered for the tier's `signed-when-configured` requirement. */
export function signatureEvidence(facts: readonly Fact[], signing: SigningParams): SignatureEvidence {
  const outcome = facts.find((f): f is FactOf<"signing.signature"> => f.kind === "signing.signature")?.data;
  const differences = facts.filter((f): f is FactOf<"signing.manifest-difference"> => f.kind === "signing.manifest-difference").map((f) => f.data);
  const configured = (signing.required ?? false) || signing.publicKeyPem !== undefined || signing.identity !== undefined;
  return { configured, differences, ...(outcome ? { outcome } : {}) };
}
