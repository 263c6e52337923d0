import type { Check } from "../../types/check.js";
import { signingManifestMismatch } from "./signing-manifest-mismatch.js";
import { signingNotVerified } from "./signing-not-verified.js";
import { signingSignatureInvalid } from "./signing-signature-invalid.js";
import { signingUnsigned } from "./signing-unsigned.js";

export const checks: readonly Check[] = [signingSignatureInvalid, signingManifestMismatch, signingUnsigned, signingNotVerified];
