import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { secretsInspector } from "./secrets-inspector.js";

export const inspectors: readonly Inspector[] = [secretsInspector];
export const repoInspectors: readonly RepoInspector[] = [];
