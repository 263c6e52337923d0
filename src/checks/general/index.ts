import type { Check } from "../../types/check.js";
import { scanProblemChecks } from "./scan-problems.js";

export const checks: readonly Check[] = [...scanProblemChecks];
