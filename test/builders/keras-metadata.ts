import { pb } from "./protobuf.js";

/** `keras_metadata.pb`: SavedMetadata { nodes = 1: SavedObject { node_id = 2; node_path = 3; identifier = 4; metadata = 5 } }. */
export function buildKerasMetadata(nodes: { path: string; identifier: string; metadata: unknown }[]): Uint8Array {
  return pb.root(...nodes.map((n, i) => pb.msg(1, pb.varint(2, i), pb.str(3, n.path), pb.str(4, n.identifier), pb.str(5, JSON.stringify(n.metadata)))));
}
