import type { Check } from "../../types/check.js";
import { skopsDangerousType } from "./skops-dangerous-type.js";
import { skopsUnknownType } from "./skops-unknown-type.js";

export const checks: readonly Check[] = [skopsDangerousType, skopsUnknownType];
