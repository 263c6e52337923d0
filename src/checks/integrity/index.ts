import type { Check } from "../../types/check.js";
import { integrityHashMismatch } from "./integrity-hash-mismatch.js";
import { integrityUnverifiable } from "./integrity-unverifiable.js";

export const checks: readonly Check[] = [integrityHashMismatch, integrityUnverifiable];
