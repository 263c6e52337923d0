import type { Check } from "../../types/check.js";
import { formatDisguisedPickle } from "./format-disguised-pickle.js";
import { formatNameMismatch } from "./format-name-mismatch.js";
import { formatWeightsEmpty } from "./format-weights-empty.js";

export const checks: readonly Check[] = [formatDisguisedPickle, formatNameMismatch, formatWeightsEmpty];
