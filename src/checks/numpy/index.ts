import type { Check } from "../../types/check.js";
import { numpyObjectArray, numpyTrailingData } from "./numpy-checks.js";

export const checks: readonly Check[] = [numpyObjectArray, numpyTrailingData];
