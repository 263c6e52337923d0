import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { savedModelInspector } from "./savedmodel.js";

export const inspectors: readonly Inspector[] = [savedModelInspector];
export const repoInspectors: readonly RepoInspector[] = [];
