import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { skopsInspector } from "./skops.js";

export const inspectors: readonly Inspector[] = [skopsInspector];
export const repoInspectors: readonly RepoInspector[] = [];
