/** One Python object a skops `schema.json` makes `skops.io.load` import (module + attribute path). */
export interface SkopsReference {
  module: string;
  /** Attribute path inside the module (`LogisticRegression`, `call`, `Popen.__init__`). */
  name: string;
  /** The skops node type that imports it (`ObjectNode`, `FunctionNode`, `OperatorFuncNode`, ...). */
  loader: string;
  /** JSON path of the first node naming it (`$.content.content.coef_`). */
  pointer: string;
  /** Nodes naming it. */
  count: number;
  /**
   * What the node claims when skops resolves something else: an `OperatorFuncNode` says
   * `__module__: sklearn...` but skops < 0.12 builds `operator.<__class__>` (CVE-2025-54412).
   */
  declared?: string;
}

/** A skops archive whose schema.json was read. */
export interface SkopsSchema {
  protocol?: number;
  skopsVersion?: string;
  /** Distinct references emitted. */
  references: number;
  nodes: number;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "skops.schema": SkopsSchema;
    "skops.reference": SkopsReference;
  }
}
