import type { Check } from "../types/check.js";
import { integrityChecks } from "./integrity/index.js";
import { generalChecks } from "./general/index.js";

/** Every check, by family. Adding a family adds one import here. */
export const checks: readonly Check[] = [...generalChecks, ...integrityChecks];
