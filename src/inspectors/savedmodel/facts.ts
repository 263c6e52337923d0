/** One meta graph of a SavedModel (or the single graph of a frozen GraphDef). */
export interface SavedModelGraph {
  tags: string[];
  tensorflowVersion?: string;
  nodeCount: number;
  functionCount: number;
}

export interface SavedModelInfo {
  kind: "saved-model" | "graph-def";
  schemaVersion?: number;
  metaGraphs: SavedModelGraph[];
  /** Distinct op types over every graph and function. */
  opTypes: string[];
}

/**
 * One op type used in one place: nodes are grouped by op, enclosing library function and the first
 * segment of the node name (so TF1 `save/...` saver nodes stay apart from the rest of the graph).
 */
export interface SavedModelOp {
  op: string;
  /** Library function holding the nodes; absent for the top-level graph. */
  function?: string;
  /** Name of the first node of the group. */
  node: string;
  count: number;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "savedmodel.model": SavedModelInfo;
    "savedmodel.op": SavedModelOp;
  }
}
