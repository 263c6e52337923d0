import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

export const piiSanitization: ItemEvaluator = (ctx) => evaluateByFindings(ctx);
