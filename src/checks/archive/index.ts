import type { Check } from "../../types/check.js";
import { archiveAnomalies, archiveNested, archiveUnscannable } from "./archive-checks.js";

export const checks: readonly Check[] = [archiveAnomalies, archiveNested, archiveUnscannable];
