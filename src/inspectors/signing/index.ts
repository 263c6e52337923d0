import type { Inspector, RepoInspector } from "../../types/inspector.js";
import "./facts.js";
import { modelSignatureInspector } from "./model-signature.js";
import { signatureFileInspector } from "./signature-file.js";

export const inspectors: readonly Inspector[] = [signatureFileInspector];
export const repoInspectors: readonly RepoInspector[] = [modelSignatureInspector];
