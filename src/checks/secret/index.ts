import type { Check } from "../../types/check.js";
import { secretCredential, secretPersonalData } from "./secret-checks.js";

export const checks: readonly Check[] = [secretCredential, secretPersonalData];
