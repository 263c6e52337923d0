import type { Check } from "../../types/check.js";
import { safetensorsAmbiguousHeader } from "./safetensors-ambiguous-header.js";
import { safetensorsIndexMissingShard } from "./safetensors-index-missing-shard.js";
import { safetensorsInvalidHeader } from "./safetensors-invalid-header.js";

export const checks: readonly Check[] = [safetensorsAmbiguousHeader, safetensorsIndexMissingShard, safetensorsInvalidHeader];
