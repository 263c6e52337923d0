import type { ChecklistItemId } from "../../types/checklist.js";
import type { ItemEvaluator } from "../item-context.js";
import { architectureDocumentation } from "./architecture-documentation.js";
import { dataProvenance } from "./data-provenance.js";
import { dependencyScanning } from "./dependency-scanning.js";
import { modelSource } from "./model-source.js";
import { piiSanitization } from "./pii-sanitization.js";
import { trainingPipeline } from "./training-pipeline.js";
import { weightIntegrity } from "./weight-integrity.js";

export const itemEvaluators: Record<ChecklistItemId, ItemEvaluator> = {
  "model-source": modelSource,
  "data-provenance": dataProvenance,
  "pii-sanitization": piiSanitization,
  "architecture-documentation": architectureDocumentation,
  "training-pipeline": trainingPipeline,
  "dependency-scanning": dependencyScanning,
  "weight-integrity": weightIntegrity,
};
