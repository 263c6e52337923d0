import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

export const trainingPipeline: ItemEvaluator = (ctx) => evaluateByFindings(ctx);
