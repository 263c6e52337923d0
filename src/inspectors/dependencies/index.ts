import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { advisoryMatcher } from "./advisory-matcher.js";
import { cardLibraryInspector, configVersionsInspector, requirementFilesInspector } from "./dependency-files.js";

export const inspectors: readonly Inspector[] = [requirementFilesInspector, configVersionsInspector, cardLibraryInspector];
export const repoInspectors: readonly RepoInspector[] = [advisoryMatcher];
