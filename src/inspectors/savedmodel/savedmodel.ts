import { ProtoWalker, WIRE, varintNumber, type ProtoMessage } from "../../io/protobuf.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { Region } from "../../types/region.js";
import type { SavedModelGraph, SavedModelInfo } from "./facts.js";

const MAX_NAME_BYTES = 64 * 1024;

interface OpGroup {
  op: string;
  function?: string;
  node: string;
  count: number;
  region: Region;
}

interface Walk {
  w: ProtoWalker;
  ops: Map<string, OpGroup>;
}

/** SavedModel opens with `saved_model_schema_version` (1) then `meta_graphs` (2) whose first field is `meta_info_def` (1). */
export function looksLikeSavedModel(head: Uint8Array): boolean {
  if (head[0] !== 0x08 || head[1] !== 0x01 || head[2] !== 0x12) return false;
  let i = 3;
  while (i < head.length && i < 8 && ((head[i] ?? 0) & 0x80) !== 0) i++;
  return head[i + 1] === 0x0a || head[i + 1] === 0x12;
}

/** NodeDef: name (1) and op (2); inputs, devices and attr values (constants) are skipped by length. */
async function nodeDef(s: Walk, msg: ProtoMessage, fn: string | undefined): Promise<void> {
  let name = "";
  let op = "";
  let region: Region = { byteOffset: msg.start, byteLength: msg.end - msg.start };
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) name = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 2) {
      op = await s.w.string(msg, f, MAX_NAME_BYTES);
      region = { byteOffset: f.tagAt, byteLength: f.at + f.length - f.tagAt };
    }
  }
  const scope = name.split("/")[0] ?? "";
  const key = `${op}\0${fn ?? ""}\0${fn === undefined ? scope : ""}`;
  const g = s.ops.get(key);
  if (g) g.count++;
  else s.ops.set(key, { op, node: name, count: 1, region, ...(fn !== undefined ? { function: fn } : {}) });
}

/** FunctionDef: signature (1, OpDef with name 1) and node_def (3). */
async function functionDef(s: Walk, msg: ProtoMessage): Promise<number> {
  let name = "";
  const bodies: ProtoMessage[] = [];
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) {
      const sig = s.w.sub(msg, f);
      for await (const g of s.w.fields(sig)) if (g.field === 1 && g.wire === WIRE.len) name = await s.w.string(sig, g, MAX_NAME_BYTES);
    } else if (f.field === 3) bodies.push(s.w.sub(msg, f));
  }
  for (const b of bodies) await nodeDef(s, b, name);
  return bodies.length;
}

/** GraphDef: node (1) and library (2, FunctionDefLibrary with function 1). */
async function graphDef(s: Walk, msg: ProtoMessage, out: SavedModelGraph): Promise<void> {
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) {
      out.nodeCount++;
      await nodeDef(s, s.w.sub(msg, f), undefined);
    } else if (f.field === 2) {
      const lib = s.w.sub(msg, f);
      for await (const g of s.w.fields(lib)) {
        if (g.field === 1 && g.wire === WIRE.len) {
          out.functionCount++;
          out.nodeCount += await functionDef(s, s.w.sub(lib, g));
        }
      }
    }
  }
}

/** MetaGraphDef: meta_info_def (1: tags 4, tensorflow_version 5) and graph_def (2). */
async function metaGraph(s: Walk, msg: ProtoMessage): Promise<SavedModelGraph> {
  const out: SavedModelGraph = { tags: [], nodeCount: 0, functionCount: 0 };
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) {
      const info = s.w.sub(msg, f);
      for await (const g of s.w.fields(info)) {
        if (g.wire !== WIRE.len) continue;
        if (g.field === 4) out.tags.push(await s.w.string(info, g, MAX_NAME_BYTES));
        else if (g.field === 5) out.tensorflowVersion = await s.w.string(info, g, MAX_NAME_BYTES);
      }
    } else if (f.field === 2) await graphDef(s, s.w.sub(msg, f), out);
  }
  return out;
}

/**
 * Reads `saved_model.pb` (SavedModel → MetaGraphDef → GraphDef nodes and function library) and frozen
 * `*.pb` GraphDefs (which open with a NodeDef, tag 0x0a), and lists every op type where it is used. Constant tensors are skipped by length.
 */
export const savedModelInspector: Inspector = {
  name: "savedmodel",
  accepts: (p) =>
    p.format === "tf-savedmodel" ||
    p.declared === "tf-savedmodel" ||
    ((p.format === "unknown" || p.format === "text") && (looksLikeSavedModel(p.head) || (p.name.endsWith(".pb") && p.head[0] === 0x0a && p.name !== "keras_metadata.pb" && p.name !== "fingerprint.pb"))),
  async *inspect(artifact, probe, ctx): AsyncGenerator<Fact> {
    const w = new ProtoWalker(artifact.source, ctx.signal);
    const s: Walk = { w, ops: new Map() };
    const root = w.root();
    const savedModel = probe.name === "saved_model.pb" || looksLikeSavedModel(probe.head) || probe.declared === "tf-savedmodel";
    const info: SavedModelInfo = { kind: savedModel ? "saved-model" : "graph-def", metaGraphs: [], opTypes: [] };
    if (savedModel) {
      for await (const f of w.fields(root)) {
        if (f.field === 1 && f.wire === WIRE.varint) info.schemaVersion = varintNumber(f);
        else if (f.field === 2 && f.wire === WIRE.len) info.metaGraphs.push(await metaGraph(s, w.sub(root, f)));
      }
    } else {
      const g: SavedModelGraph = { tags: [], nodeCount: 0, functionCount: 0 };
      await graphDef(s, root, g);
      info.metaGraphs.push(g);
    }
    const groups = [...s.ops.values()].sort((a, b) => (a.region.byteOffset ?? 0) - (b.region.byteOffset ?? 0));
    info.opTypes = [...new Set(groups.map((g) => g.op))].sort();
    yield fact("savedmodel.model", info, artifact.ref);
    for (const g of groups) {
      yield fact("savedmodel.op", { op: g.op, node: g.node, count: g.count, ...(g.function !== undefined ? { function: g.function } : {}) }, artifact.ref, g.region);
    }
  },
};
