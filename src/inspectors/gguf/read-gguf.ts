import { LimitExceededError, ParseError } from "../../errors.js";
import { WindowReader } from "../../io/window-reader.js";
import { MAX_GGUF_ARRAY_LENGTH, MAX_GGUF_HEADER_BYTES, MAX_GGUF_KV, MAX_GGUF_STRING_BYTES, MAX_GGUF_TENSORS } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import type { Region } from "../../types/region.js";
import type { GgufProblem } from "./facts.js";

/** GGUF value types (ggml/include/gguf.h). */
const enum T {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
}
const FIXED_SIZE: Record<number, number> = { [T.U8]: 1, [T.I8]: 1, [T.U16]: 2, [T.I16]: 2, [T.U32]: 4, [T.I32]: 4, [T.F32]: 4, [T.BOOL]: 1, [T.U64]: 8, [T.I64]: 8, [T.F64]: 8 };

/** ggml tensor types: [elements per block, bytes per block] (ggml.c type_traits; removed ids absent). */
const GGML_TYPES: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0, [1, 4]], [1, [1, 2]], [2, [32, 18]], [3, [32, 20]], [6, [32, 22]], [7, [32, 24]], [8, [32, 34]], [9, [32, 40]],
  [10, [256, 84]], [11, [256, 110]], [12, [256, 144]], [13, [256, 176]], [14, [256, 210]], [15, [256, 292]],
  [16, [256, 66]], [17, [256, 74]], [18, [256, 98]], [19, [256, 50]], [20, [32, 18]], [21, [256, 110]], [22, [256, 82]],
  [23, [256, 136]], [24, [1, 1]], [25, [1, 2]], [26, [1, 4]], [27, [1, 8]], [28, [1, 8]], [29, [256, 56]], [30, [1, 2]],
  [34, [256, 54]], [35, [256, 66]], [39, [32, 17]], [40, [64, 36]], [41, [128, 18]], [42, [64, 18]],
] as const);

/** llama.cpp's GGML_MAX_DIMS. */
const MAX_DIMS = 4;
/** gguf.cpp refuses keys longer than this. */
const MAX_KEY_BYTES = 65_535;
/** Nesting of arrays inside arrays: recursion bomb, CWE-674. */
const MAX_ARRAY_DEPTH = 4;
/** Short string values kept for the header fact (names, architecture, license). */
const KEEP_STRING_BYTES = 4096;
const DEFAULT_ALIGNMENT = 32;

export interface GgufTemplate {
  /** undefined for `tokenizer.chat_template`, else the `<name>` of `tokenizer.chat_template.<name>`. */
  name?: string;
  template: string;
  region: Region;
}

export interface GgufProblemAt extends GgufProblem {
  region?: Region;
}

/** Everything read so far: a walk that stops on an error keeps what it found before (a template before garbage). */
export interface GgufParse {
  version?: number;
  tensorCount?: number;
  kvCount?: number;
  alignment: number;
  dataOffset?: number;
  strings: Map<string, string>;
  templates: GgufTemplate[];
  problems: GgufProblemAt[];
}

interface TensorInfo {
  name: string;
  dims: bigint[];
  type: number;
  offset: bigint;
  region: Region;
}

const utf8 = new TextDecoder("utf-8");

function templateName(key: string): string | undefined | null {
  if (key === "tokenizer.chat_template") return undefined;
  if (key.startsWith("tokenizer.chat_template.")) return key.slice("tokenizer.chat_template.".length);
  return null;
}

function checkWalk(r: WindowReader): void {
  if (r.pos > MAX_GGUF_HEADER_BYTES) throw new LimitExceededError("MAX_GGUF_HEADER_BYTES", `GGUF header walk passed ${MAX_GGUF_HEADER_BYTES} bytes`);
}

async function readLength(r: WindowReader, v1: boolean): Promise<bigint> {
  return v1 ? BigInt(await r.u32()) : r.u64();
}

async function readStringLength(r: WindowReader, v1: boolean, bound: number, what: string): Promise<number> {
  const at = r.pos;
  const n = await readLength(r, v1);
  if (n > BigInt(bound)) throw new LimitExceededError("MAX_GGUF_STRING_BYTES", `${what} at offset ${at} claims ${n} bytes (bound ${bound})`);
  return Number(n);
}

async function skipValue(r: WindowReader, type: number, v1: boolean, depth: number): Promise<void> {
  const fixed = FIXED_SIZE[type];
  if (fixed !== undefined) return r.skip(fixed);
  if (type === T.STRING) return r.skip(await readStringLength(r, v1, MAX_GGUF_STRING_BYTES, "string"));
  if (type !== T.ARRAY) throw new ParseError(`unknown GGUF value type ${type} at offset ${r.pos - 4}`, { offset: r.pos - 4 });
  if (depth >= MAX_ARRAY_DEPTH) throw new LimitExceededError("MAX_GGUF_ARRAY_LENGTH", `arrays nested deeper than ${MAX_ARRAY_DEPTH} at offset ${r.pos}`);
  const at = r.pos;
  const elem = await r.u32();
  const count = await readLength(r, v1);
  if (count > BigInt(MAX_GGUF_ARRAY_LENGTH)) throw new LimitExceededError("MAX_GGUF_ARRAY_LENGTH", `array at offset ${at} claims ${count} elements (bound ${MAX_GGUF_ARRAY_LENGTH})`);
  const n = Number(count);
  const elemSize = FIXED_SIZE[elem];
  if (elemSize !== undefined) return r.skip(n * elemSize);
  for (let i = 0; i < n; i++) {
    await skipValue(r, elem, v1, depth + 1);
    if ((i & 0xffff) === 0) checkWalk(r);
  }
}

/**
 * Walks a GGUF header (versions 1-3: magic, counts, metadata key/values, tensor infos) over a
 * ByteSource, bounded by MAX_GGUF_*. Never reads tensor data. Errors are thrown; `out` keeps what
 * was read before them.
 */
export async function readGguf(source: ByteSource, out: GgufParse, signal?: AbortSignal): Promise<void> {
  const r = new WindowReader(source, 0, signal);
  const magic = await r.bytes(4);
  if (utf8.decode(magic) !== "GGUF") throw new ParseError("not a GGUF file (bad magic)", { offset: 0 });
  const version = await r.u32();
  if (version < 1 || version > 3) {
    out.problems.push({ code: "bad-version", detail: `GGUF version ${version} (readers know 1 to 3)`, region: { byteOffset: 4, byteLength: 4 } });
    return;
  }
  out.version = version;
  const v1 = version === 1;
  const tensorCount = await readLength(r, v1);
  const kvCount = await readLength(r, v1);
  if (tensorCount > BigInt(MAX_GGUF_TENSORS)) throw new LimitExceededError("MAX_GGUF_TENSORS", `header claims ${tensorCount} tensors (bound ${MAX_GGUF_TENSORS})`);
  if (kvCount > BigInt(MAX_GGUF_KV)) throw new LimitExceededError("MAX_GGUF_KV", `header claims ${kvCount} metadata entries (bound ${MAX_GGUF_KV})`);
  out.tensorCount = Number(tensorCount);
  out.kvCount = Number(kvCount);

  const seenKeys = new Set<string>();
  for (let i = 0; i < out.kvCount; i++) {
    const keyAt = r.pos;
    const keyLen = await readStringLength(r, v1, MAX_KEY_BYTES, "metadata key");
    const key = utf8.decode(await r.bytes(keyLen));
    const keyRegion = { byteOffset: keyAt, byteLength: r.pos - keyAt };
    if (seenKeys.has(key)) out.problems.push({ code: "duplicate-key", subject: key, detail: `metadata key "${key.slice(0, 128)}" appears more than once (llama.cpp refuses the file)`, region: keyRegion });
    seenKeys.add(key);
    const type = await r.u32();
    const tname = templateName(key);
    if (type === T.STRING && tname !== null) {
      const len = await readStringLength(r, v1, MAX_GGUF_STRING_BYTES, `value of ${key.slice(0, 128)}`);
      const at = r.pos;
      const template = utf8.decode(await r.bytes(len));
      out.templates.push({ ...(tname !== undefined ? { name: tname } : {}), template, region: { byteOffset: at, byteLength: len } });
    } else if (type === T.STRING) {
      const len = await readStringLength(r, v1, MAX_GGUF_STRING_BYTES, `value of ${key.slice(0, 128)}`);
      if (len <= KEEP_STRING_BYTES) out.strings.set(key, utf8.decode(await r.bytes(len)));
      else r.skip(len);
    } else if (key === "general.alignment") {
      if (type !== T.U32) {
        out.problems.push({ code: "bad-alignment", subject: key, detail: `general.alignment has value type ${type}, not u32`, region: keyRegion });
        await skipValue(r, type, v1, 0);
      } else {
        const a = await r.u32();
        if (a === 0 || (a & (a - 1)) !== 0) out.problems.push({ code: "bad-alignment", subject: key, detail: `general.alignment ${a} is not a power of two`, region: keyRegion });
        else out.alignment = a;
      }
    } else {
      await skipValue(r, type, v1, 0);
    }
    checkWalk(r);
  }

  const tensors: TensorInfo[] = [];
  const names = new Set<string>();
  for (let i = 0; i < out.tensorCount; i++) {
    const at = r.pos;
    const nameLen = await readStringLength(r, v1, MAX_KEY_BYTES, "tensor name");
    const name = utf8.decode(await r.bytes(nameLen));
    const nDims = await r.u32();
    if (nDims > MAX_DIMS) throw new ParseError(`tensor "${name.slice(0, 128)}" at offset ${at} has ${nDims} dimensions (max ${MAX_DIMS})`, { offset: at });
    const dims: bigint[] = [];
    for (let d = 0; d < nDims; d++) dims.push(await readLength(r, v1));
    const type = await r.u32();
    const offset = await r.u64();
    const region = { byteOffset: at, byteLength: r.pos - at };
    if (names.has(name)) out.problems.push({ code: "duplicate-tensor", subject: name, detail: `tensor name "${name.slice(0, 128)}" appears more than once`, region });
    names.add(name);
    tensors.push({ name, dims, type, offset, region });
    checkWalk(r);
  }
  const dataOffset = Math.ceil(r.pos / out.alignment) * out.alignment;
  out.dataOffset = dataOffset;
  checkTensors(tensors, dataOffset, source.size, out);
}

function checkTensors(tensors: TensorInfo[], dataOffset: number, fileSize: number, out: GgufParse): void {
  const spans: { name: string; begin: bigint; end: bigint; region: Region }[] = [];
  for (const t of tensors) {
    const label = `tensor "${t.name.slice(0, 128)}"`;
    if (t.offset % BigInt(out.alignment) !== 0n) {
      out.problems.push({ code: "bad-tensor-offset", subject: t.name, detail: `${label} data offset ${t.offset} is not a multiple of the alignment ${out.alignment}`, region: t.region });
    }
    const traits = GGML_TYPES.get(t.type);
    // Unknown (newer) ggml types: the layout cannot be sized, so only the offset is checked.
    if (!traits) {
      if (BigInt(dataOffset) + t.offset > BigInt(fileSize)) out.problems.push({ code: "tensor-out-of-bounds", subject: t.name, detail: `${label} starts past the end of the file`, region: t.region });
      continue;
    }
    const [block, bytes] = traits;
    const elements = t.dims.reduce((a, b) => a * b, 1n);
    const first = t.dims[0] ?? 1n;
    if (first % BigInt(block) !== 0n) {
      out.problems.push({ code: "bad-tensor-dims", subject: t.name, detail: `${label} first dimension ${first} is not a multiple of its type's block size ${block}`, region: t.region });
      continue;
    }
    const size = (elements / BigInt(block)) * BigInt(bytes);
    const begin = BigInt(dataOffset) + t.offset;
    const end = begin + size;
    if (end > BigInt(fileSize)) {
      out.problems.push({ code: "tensor-out-of-bounds", subject: t.name, detail: `${label} needs bytes ${begin}..${end} but the file has ${fileSize}`, region: t.region });
      continue;
    }
    spans.push({ name: t.name, begin, end, region: t.region });
  }
  spans.sort((a, b) => (a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : 0));
  let reach: (typeof spans)[number] | undefined;
  for (const cur of spans) {
    if (reach && cur.begin < reach.end && cur.end > cur.begin) {
      out.problems.push({ code: "tensor-overlap", subject: cur.name, detail: `tensor "${cur.name.slice(0, 128)}" overlaps tensor "${reach.name.slice(0, 128)}"`, region: cur.region });
    }
    if (!reach || cur.end > reach.end) reach = cur;
  }
}

export function emptyGgufParse(): GgufParse {
  return { alignment: DEFAULT_ALIGNMENT, strings: new Map(), templates: [], problems: [] };
}
