import type { Check } from "../../types/check.js";
import { onnxCustomOperator } from "./onnx-custom-operator.js";
import { onnxExternalData } from "./onnx-external-data.js";

export const checks: readonly Check[] = [onnxCustomOperator, onnxExternalData];
