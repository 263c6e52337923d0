import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

export const dependencyScanning: ItemEvaluator = (ctx) => evaluateByFindings(ctx);
