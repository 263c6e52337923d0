import type { Region } from "../../types/region.js";

export interface OnnxOpset {
  /** "" is the default ONNX domain. */
  domain: string;
  version: number;
}

export interface OnnxModel {
  irVersion?: number;
  opsetImports: OnnxOpset[];
  producerName?: string;
  producerVersion?: string;
  nodeCount: number;
  initializerCount: number;
  /** Model-local functions as `domain:name`: ops they define are ONNX graphs, not native code. */
  functions: string[];
}

/** One distinct operator type used by the model (nodes of the main graph, subgraphs and functions). */
export interface OnnxOperator {
  domain: string;
  opType: string;
  count: number;
  /** Name of the first node using it (may be empty). */
  node: string;
  /** True when a model-local function defines it. */
  localFunction: boolean;
}

/** A tensor whose bytes live in another file (`data_location: EXTERNAL`). */
export interface OnnxExternalData {
  tensor: string;
  location: string;
  offset?: string;
  length?: string;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "onnx.model": OnnxModel;
    "onnx.operator": OnnxOperator;
    "onnx.external-data": OnnxExternalData;
  }
}

export type { Region };
