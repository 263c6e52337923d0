import type { Inspector, RepoInspector } from "../../types/inspector.js";

export const inspectors: readonly Inspector[] = [];
export const repoInspectors: readonly RepoInspector[] = [];
