import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { pickleInspector } from "./pickle-inspector.js";

export const inspectors: readonly Inspector[] = [pickleInspector];
export const repoInspectors: readonly RepoInspector[] = [];
