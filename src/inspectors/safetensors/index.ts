import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { safetensorsIndexInspector } from "./index-file.js";
import { safetensorsInspector } from "./safetensors.js";

export const inspectors: readonly Inspector[] = [safetensorsInspector, safetensorsIndexInspector];
export const repoInspectors: readonly RepoInspector[] = [];
