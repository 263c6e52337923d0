import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { configInspector } from "./config-inspector.js";

export const inspectors: readonly Inspector[] = [configInspector];
export const repoInspectors: readonly RepoInspector[] = [];
