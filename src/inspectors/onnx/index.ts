import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { onnxInspector } from "./onnx.js";

export const inspectors: readonly Inspector[] = [onnxInspector];
export const repoInspectors: readonly RepoInspector[] = [];
