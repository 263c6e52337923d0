import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { templateAnalyzer } from "./analyze-templates.js";
import { templateSourceInspector } from "./template-sources.js";

export const inspectors: readonly Inspector[] = [templateSourceInspector];
export const repoInspectors: readonly RepoInspector[] = [templateAnalyzer];
