import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { torchLegacyInspector } from "./torch-legacy.js";
import { torchZipInspector } from "./torch-zip.js";

export const inspectors: readonly Inspector[] = [torchZipInspector, torchLegacyInspector];
export const repoInspectors: readonly RepoInspector[] = [];
