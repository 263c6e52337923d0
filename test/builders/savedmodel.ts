import { pb, type Field } from "./protobuf.js";

/** NodeDef { name = 1; op = 2; input = 3 }. */
export function nodeDef(name: string, op: string, ...inputs: string[]): Field {
  return pb.msg(1, pb.str(1, name), pb.str(2, op), ...inputs.map((i) => pb.str(3, i)));
}

/** FunctionDef { signature = 1 (OpDef { name = 1 }); node_def = 3 }: for GraphDef.library.function. */
export function functionDef(name: string, nodes: [string, string][]): Field {
  return pb.msg(1, pb.msg(1, pb.str(1, name)), ...nodes.map(([n, op]) => pb.msg(3, pb.str(1, n), pb.str(2, op))));
}

export interface GraphSpec {
  nodes?: [string, string][];
  functions?: { name: string; nodes: [string, string][] }[];
}

function graphFields(g: GraphSpec): Field[] {
  const fields = (g.nodes ?? []).map(([n, op]) => nodeDef(n, op));
  if (g.functions?.length) fields.push(pb.msg(2, ...g.functions.map((f) => functionDef(f.name, f.nodes))));
  return fields;
}

/** SavedModel { saved_model_schema_version = 1; meta_graphs = 2 { meta_info_def = 1 { tags = 4; tensorflow_version = 5 }; graph_def = 2 } }. */
export function buildSavedModel(graph: GraphSpec, tags = ["serve"], tfVersion = "2.15.0"): Uint8Array {
  const info = pb.msg(1, ...tags.map((t) => pb.str(4, t)), pb.str(5, tfVersion));
  return pb.root(pb.varint(1, 1), pb.msg(2, info, pb.msg(2, ...graphFields(graph))));
}

/** A frozen GraphDef (`*.pb`): nodes then the function library. */
export function buildGraphDef(graph: GraphSpec): Uint8Array {
  return pb.root(...graphFields(graph));
}

/** What a TF2 `tf.saved_model.save` of a small Keras model holds: saver functions plus the serving graph. */
export const TF2_CLEAN: GraphSpec = {
  nodes: [
    ["serving_default_x", "Placeholder"],
    ["saver_filename", "Placeholder"],
    ["StatefulPartitionedCall", "StatefulPartitionedCall"],
    ["StatefulPartitionedCall_1", "StatefulPartitionedCall"],
    ["StatefulPartitionedCall_2", "StatefulPartitionedCall"],
  ],
  functions: [
    { name: "__inference_signature_wrapper_123", nodes: [["dense/MatMul", "MatMul"], ["dense/BiasAdd", "BiasAdd"]] },
    { name: "__inference__traced_save_456", nodes: [["ShardedFilename", "ShardedFilename"], ["SaveV2", "SaveV2"], ["MergeV2Checkpoints", "MergeV2Checkpoints"]] },
    { name: "__inference__traced_restore_789", nodes: [["RestoreV2", "RestoreV2"], ["AssignVariableOp", "AssignVariableOp"]] },
  ],
};
