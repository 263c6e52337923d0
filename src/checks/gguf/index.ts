import type { Check } from "../../types/check.js";
import { ggufInvalidHeader } from "./gguf-invalid-header.js";

export const checks: readonly Check[] = [ggufInvalidHeader];
