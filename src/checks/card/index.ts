import type { Check } from "../../types/check.js";
import { cardArchitectureUndocumented } from "./card-architecture-undocumented.js";
import { cardFieldShape } from "./card-field-shape.js";
import { cardMetadataInvalid } from "./card-metadata-invalid.js";
import { cardMissing } from "./card-missing.js";
import { cardMostlyPlaceholders } from "./card-mostly-placeholders.js";
import { cardNoTrainingData } from "./card-no-training-data.js";
import { cardUseLimitationsMissing } from "./card-use-limitations-missing.js";

export const checks: readonly Check[] = [
  cardMissing,
  cardMetadataInvalid,
  cardFieldShape,
  cardNoTrainingData,
  cardMostlyPlaceholders,
  cardUseLimitationsMissing,
  cardArchitectureUndocumented,
];
