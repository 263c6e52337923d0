import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

export const architectureDocumentation: ItemEvaluator = (ctx) => evaluateByFindings(ctx);
