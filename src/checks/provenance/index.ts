import type { Check } from "../../types/check.js";
import { provenanceBaseModelMissing } from "./provenance-base-model-missing.js";
import { provenanceDatasetMissing } from "./provenance-dataset-missing.js";
import { provenanceLicenseDiffers } from "./provenance-license-differs.js";
import { provenanceLineageCycle } from "./provenance-lineage-cycle.js";
import { provenanceLineageUnverifiable } from "./provenance-lineage-unverifiable.js";

export const checks: readonly Check[] = [
  provenanceBaseModelMissing,
  provenanceLineageCycle,
  provenanceLineageUnverifiable,
  provenanceDatasetMissing,
  provenanceLicenseDiffers,
];
