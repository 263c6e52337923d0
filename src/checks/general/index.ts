import type { Check } from "../../types/check.js";
import { scanProblemChecks } from "./scan-problems.js";

export const generalChecks: readonly Check[] = [...scanProblemChecks];
