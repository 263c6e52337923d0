/** Architecture facts from config.json (transformers) and model_index.json (diffusers). */
export interface ConfigArchitecture {
  /** `architectures` of config.json, or the pipeline `_class_name` of model_index.json. */
  architectures: string[];
  /** `model_type` of config.json. */
  modelType?: string;
  source: "config.json" | "model_index.json";
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "config.architecture": ConfigArchitecture;
  }
}
