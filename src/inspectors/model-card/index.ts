import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { cardInspector } from "./card-inspector.js";
import { licenseFileInspector } from "./license-file.js";
import { lineageInspector } from "./lineage.js";
import { trainingFilesInspector } from "./training-files.js";

export const inspectors: readonly Inspector[] = [cardInspector, licenseFileInspector];
export const repoInspectors: readonly RepoInspector[] = [trainingFilesInspector, lineageInspector];
