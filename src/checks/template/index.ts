import type { Check } from "../../types/check.js";
import { templateDefaultSystemPrompt, templateHiddenInstructions, templatePythonInternals, templateRenderFailure, templateSyntaxError } from "./template-checks.js";

export const checks: readonly Check[] = [templateSyntaxError, templatePythonInternals, templateHiddenInstructions, templateRenderFailure, templateDefaultSystemPrompt];
