/** Hand-built GGUF files (ggml docs/gguf.md): magic, version, counts, metadata, tensor infos, aligned data. */

export type GgufValue =
  | { type: "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "bool" | "f64"; value: number }
  | { type: "u64" | "i64"; value: bigint }
  | { type: "string"; value: string }
  | { type: "array"; elem: "string"; value: string[] }
  | { type: "array"; elem: "u32" | "i32" | "f32"; value: number[] };

export interface GgufTensor {
  name: string;
  dims: number[];
  /** ggml type id (0 = F32). */
  type?: number;
  /** Data offset relative to the data section; defaults to packing in order. */
  offset?: bigint;
}

export interface GgufSpec {
  version?: number;
  kv?: [string, GgufValue][];
  tensors?: GgufTensor[];
  /** Forged counts (default: the real ones). */
  tensorCount?: bigint;
  kvCount?: bigint;
  alignment?: number;
  /** Bytes appended after the aligned tensor infos (default: exactly what the F32 tensors need). */
  dataBytes?: number;
}

const TYPE_ID: Record<string, number> = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10, i64: 11, f64: 12 };

class Out {
  parts: number[] = [];
  u8(v: number): void {
    this.parts.push(v & 0xff);
  }
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.parts.push(...b);
  }
  u64(v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    this.parts.push(...b);
  }
  f(v: number, size: 4 | 8): void {
    const b = new Uint8Array(size);
    if (size === 4) new DataView(b.buffer).setFloat32(0, v, true);
    else new DataView(b.buffer).setFloat64(0, v, true);
    this.parts.push(...b);
  }
  str(s: string, v1: boolean): void {
    const b = new TextEncoder().encode(s);
    if (v1) this.u32(b.length);
    else this.u64(BigInt(b.length));
    for (const x of b) this.parts.push(x);
  }
}

function scalar(o: Out, type: string, v: number | bigint | string, v1: boolean): void {
  switch (type) {
    case "u8": case "i8": case "bool": o.u8(Number(v)); break;
    case "u16": case "i16": o.u8(Number(v)); o.u8(Number(v) >> 8); break;
    case "u32": case "i32": o.u32(Number(v)); break;
    case "f32": o.f(Number(v), 4); break;
    case "f64": o.f(Number(v), 8); break;
    case "u64": case "i64": o.u64(BigInt(v)); break;
    case "string": o.str(String(v), v1); break;
  }
}

export function buildGguf(spec: GgufSpec = {}): Uint8Array {
  const version = spec.version ?? 3;
  const v1 = version === 1;
  const kv = [...(spec.kv ?? [])];
  if (spec.alignment !== undefined) kv.push(["general.alignment", { type: "u32", value: spec.alignment }]);
  const tensors = spec.tensors ?? [];
  const alignment = spec.alignment ?? 32;
  const o = new Out();
  for (const c of "GGUF") o.u8(c.charCodeAt(0));
  o.u32(version);
  const count = (n: bigint): void => (v1 ? o.u32(Number(n)) : o.u64(n));
  count(spec.tensorCount ?? BigInt(tensors.length));
  count(spec.kvCount ?? BigInt(kv.length));
  for (const [key, val] of kv) {
    o.str(key, v1);
    o.u32(TYPE_ID[val.type] ?? 0);
    if (val.type === "array") {
      o.u32(TYPE_ID[val.elem] ?? 0);
      count(BigInt(val.value.length));
      for (const x of val.value) scalar(o, val.elem, x, v1);
    } else scalar(o, val.type, val.value, v1);
  }
  let packed = 0n;
  for (const t of tensors) {
    o.str(t.name, v1);
    o.u32(t.dims.length);
    for (const d of t.dims) count(BigInt(d));
    o.u32(t.type ?? 0);
    const offset = t.offset ?? packed;
    o.u64(offset);
    const bytes = BigInt(t.dims.reduce((a, b) => a * b, 1) * 4);
    packed = offset + ((bytes + BigInt(alignment) - 1n) / BigInt(alignment)) * BigInt(alignment);
  }
  while (o.parts.length % alignment !== 0) o.u8(0);
  const data = spec.dataBytes ?? Number(packed);
  const out = new Uint8Array(o.parts.length + data);
  out.set(o.parts);
  return out;
}
