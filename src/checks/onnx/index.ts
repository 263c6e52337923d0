import type { Check } from "../../types/check.js";

export const checks: readonly Check[] = [];
