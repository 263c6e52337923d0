import type { Check } from "../../types/check.js";
import { kerasLambdaLayer } from "./keras-lambda-layer.js";
import { kerasReferences } from "./keras-references.js";

export const checks: readonly Check[] = [kerasLambdaLayer, kerasReferences];
