import type { Check } from "../../types/check.js";
import {
  templateContextText,
  templateDefaultSystemPrompt,
  templateHiddenInstructions,
  templatePythonInternals,
  templateRenderFailure,
  templateSyntaxError,
  templateUnrecognizedText,
} from "./template-checks.js";

export const checks: readonly Check[] = [templateSyntaxError, templatePythonInternals, templateHiddenInstructions, templateRenderFailure, templateDefaultSystemPrompt, templateUnrecognizedText, templateContextText];
