import type { Check } from "../../types/check.js";
import { advisoryLoaderVersion } from "./advisory-loader-version.js";
import { advisoryUnpinnedRequirement } from "./advisory-unpinned-requirement.js";
import { advisoryVulnerableRequirement } from "./advisory-vulnerable-requirement.js";

export const checks: readonly Check[] = [advisoryVulnerableRequirement, advisoryUnpinnedRequirement, advisoryLoaderVersion];
