import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { pythonFileInspector } from "./python-file.js";
import { crossRepoLookup } from "./cross-repo.js";
import { diffusersReferenceInspector } from "./diffusers-references.js";
import { remoteCodeReferenceInspector } from "./remote-code-references.js";

export const inspectors: readonly Inspector[] = [pythonFileInspector, remoteCodeReferenceInspector, diffusersReferenceInspector];
export const repoInspectors: readonly RepoInspector[] = [crossRepoLookup];
