import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { npyInspector } from "./npy.js";

export const inspectors: readonly Inspector[] = [npyInspector];
export const repoInspectors: readonly RepoInspector[] = [];
