import type { Check } from "../../types/check.js";
import { savedmodelDangerousOp } from "./savedmodel-dangerous-op.js";

export const checks: readonly Check[] = [savedmodelDangerousOp];
