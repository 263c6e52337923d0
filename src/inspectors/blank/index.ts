import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { blankInspector } from "./blank-inspector.js";

export const inspectors: readonly Inspector[] = [blankInspector];
export const repoInspectors: readonly RepoInspector[] = [];
