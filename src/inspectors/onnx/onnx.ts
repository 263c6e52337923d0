import { ProtoWalker, WIRE, varintNumber, type ProtoField, type ProtoMessage } from "../../io/protobuf.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { Region } from "../../types/region.js";
import type { OnnxExternalData, OnnxModel, OnnxOpset } from "./facts.js";
import { looksLikeOnnx } from "./sniff-onnx.js";

/** Names, op types and external-data entries are short; anything longer is not read. */
const MAX_NAME_BYTES = 64 * 1024;

interface OpUse {
  count: number;
  node: string;
  region: Region;
}

interface Walk {
  w: ProtoWalker;
  model: OnnxModel;
  ops: Map<string, OpUse>;
  external: { data: OnnxExternalData; region: Region }[];
}

const regionOf = (f: ProtoField): Region => ({ byteOffset: f.tagAt, byteLength: f.at + f.length - f.tagAt });

async function opset(s: Walk, msg: ProtoMessage): Promise<OnnxOpset> {
  const o: OnnxOpset = { domain: "", version: 0 };
  for await (const f of s.w.fields(msg)) {
    if (f.field === 1 && f.wire === WIRE.len) o.domain = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 2 && f.wire === WIRE.varint) o.version = varintNumber(f);
  }
  return o;
}

/** TensorProto: only the name and the external-data entries; raw_data (field 9) is skipped by length. */
async function tensor(s: Walk, msg: ProtoMessage): Promise<void> {
  let name = "";
  let external = false;
  const entries: { key: string; value: string; region: Region }[] = [];
  for await (const f of s.w.fields(msg)) {
    if (f.field === 8 && f.wire === WIRE.len) name = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 14 && f.wire === WIRE.varint) external = f.varint === 1n;
    else if (f.field === 13 && f.wire === WIRE.len) {
      const entry = s.w.sub(msg, f);
      let key = "";
      let value = "";
      for await (const e of s.w.fields(entry)) {
        if (e.field === 1 && e.wire === WIRE.len) key = await s.w.string(entry, e, MAX_NAME_BYTES);
        else if (e.field === 2 && e.wire === WIRE.len) value = await s.w.string(entry, e, MAX_NAME_BYTES);
      }
      entries.push({ key, value, region: regionOf(f) });
    }
  }
  // The runtime follows `location` whenever it is present, so entries count even without data_location.
  const loc = entries.find((e) => e.key === "location");
  if (!loc && !external) return;
  const data: OnnxExternalData = { tensor: name, location: loc?.value ?? "" };
  const offset = entries.find((e) => e.key === "offset")?.value;
  const length = entries.find((e) => e.key === "length")?.value;
  if (offset !== undefined) data.offset = offset;
  if (length !== undefined) data.length = length;
  s.external.push({ data, region: loc?.region ?? { byteOffset: msg.start, byteLength: msg.end - msg.start } });
}

/** SparseTensorProto: values (1) and indices (2) are tensors. */
async function sparse(s: Walk, msg: ProtoMessage): Promise<void> {
  for await (const f of s.w.fields(msg)) if ((f.field === 1 || f.field === 2) && f.wire === WIRE.len) await tensor(s, s.w.sub(msg, f));
}

/** AttributeProto: tensors and subgraphs (If/Loop/Scan bodies) can carry their own nodes and external data. */
async function attribute(s: Walk, msg: ProtoMessage): Promise<void> {
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 5 || f.field === 10) await tensor(s, s.w.sub(msg, f));
    else if (f.field === 6 || f.field === 11) await graph(s, s.w.sub(msg, f));
    else if (f.field === 22 || f.field === 23) await sparse(s, s.w.sub(msg, f));
  }
}

async function node(s: Walk, msg: ProtoMessage): Promise<void> {
  let opType = "";
  let domain = "";
  let name = "";
  let opRegion: Region = { byteOffset: msg.start, byteLength: msg.end - msg.start };
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 4) {
      opType = await s.w.string(msg, f, MAX_NAME_BYTES);
      opRegion = regionOf(f);
    } else if (f.field === 7) domain = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 3) name = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 5) await attribute(s, s.w.sub(msg, f));
  }
  s.model.nodeCount++;
  const key = `${domain}\0${opType}`;
  const use = s.ops.get(key);
  if (use) use.count++;
  else s.ops.set(key, { count: 1, node: name, region: opRegion });
}

async function graph(s: Walk, msg: ProtoMessage): Promise<void> {
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) await node(s, s.w.sub(msg, f));
    else if (f.field === 5) {
      s.model.initializerCount++;
      await tensor(s, s.w.sub(msg, f));
    } else if (f.field === 15) {
      s.model.initializerCount++;
      await sparse(s, s.w.sub(msg, f));
    }
  }
}

async function func(s: Walk, msg: ProtoMessage): Promise<void> {
  let name = "";
  let domain = "";
  for await (const f of s.w.fields(msg)) {
    if (f.wire !== WIRE.len) continue;
    if (f.field === 1) name = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 10) domain = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 7) await node(s, s.w.sub(msg, f));
    else if (f.field === 9) s.model.opsetImports.push(await opset(s, s.w.sub(msg, f)));
  }
  s.model.functions.push(`${domain}:${name}`);
}

async function modelProto(s: Walk, msg: ProtoMessage): Promise<void> {
  for await (const f of s.w.fields(msg)) {
    if (f.field === 1 && f.wire === WIRE.varint) s.model.irVersion = varintNumber(f);
    else if (f.wire !== WIRE.len) continue;
    else if (f.field === 2) s.model.producerName = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 3) s.model.producerVersion = await s.w.string(msg, f, MAX_NAME_BYTES);
    else if (f.field === 8) s.model.opsetImports.push(await opset(s, s.w.sub(msg, f)));
    else if (f.field === 7) await graph(s, s.w.sub(msg, f));
    else if (f.field === 25) await func(s, s.w.sub(msg, f));
    else if (f.field === 20) {
      // TrainingInfoProto: initialization (1) and algorithm (2) are graphs run by training runtimes.
      const ti = s.w.sub(msg, f);
      for await (const g of s.w.fields(ti)) if ((g.field === 1 || g.field === 2) && g.wire === WIRE.len) await graph(s, s.w.sub(ti, g));
    }
  }
}

/**
 * Walks an ONNX ModelProto without loading it: operators (by domain), opset imports, model-local
 * functions and external-data locations. Tensor payloads are skipped by length, never read.
 */
export const onnxInspector: Inspector = {
  name: "onnx",
  accepts: (p) =>
    p.format === "onnx" || p.declared === "onnx" || ((p.format === "unknown" || p.format === "text") && (looksLikeOnnx(p.head) || /\.(onnx|ort)$/i.test(p.name))),
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const w = new ProtoWalker(artifact.source, ctx.signal);
    const s: Walk = { w, model: { opsetImports: [], nodeCount: 0, initializerCount: 0, functions: [] }, ops: new Map(), external: [] };
    await modelProto(s, w.root());
    yield fact("onnx.model", s.model, artifact.ref);
    const local = new Set(s.model.functions);
    for (const [key, use] of [...s.ops].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [domain = "", opType = ""] = key.split("\0");
      yield fact("onnx.operator", { domain, opType, count: use.count, node: use.node, localFunction: local.has(`${domain}:${opType}`) }, artifact.ref, use.region);
    }
    for (const e of s.external) yield fact("onnx.external-data", e.data, artifact.ref, e.region);
  },
};
