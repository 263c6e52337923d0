import type { Check } from "../../types/check.js";
import { discoverDynamicReference } from "./discover-dynamic-reference.js";
import { discoverUnpinnedReference } from "./discover-unpinned-reference.js";

export const checks: readonly Check[] = [discoverUnpinnedReference, discoverDynamicReference];
