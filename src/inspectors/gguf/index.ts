import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { ggufInspector } from "./gguf.js";

export const inspectors: readonly Inspector[] = [ggufInspector];
export const repoInspectors: readonly RepoInspector[] = [];
