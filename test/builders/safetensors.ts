/** Hand-built safetensors files: the format is an 8-byte LE header length, a JSON header, then raw data. */

export interface TensorSpec {
  dtype: string;
  shape: number[];
  /** Raw bytes; defaults to zeros of the size dtype × shape needs. */
  data?: Uint8Array;
}

const BYTES: Record<string, number> = { BOOL: 1, U8: 1, I8: 1, F16: 2, BF16: 2, I16: 2, U16: 2, F32: 4, I32: 4, U32: 4, F64: 8, I64: 8, U64: 8 };

/** Prefixes `header` (a JSON string, written as is so tests can forge it) with its length, then appends `data`. */
export function safetensorsFromHeader(header: string, data: Uint8Array = new Uint8Array(0), lengthOverride?: bigint): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

/** A valid file with contiguous tensors in insertion order, padded like the reference writer (spaces to 8 bytes). */
export function buildSafetensors(tensors: Record<string, TensorSpec>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header["__metadata__"] = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const n = t.data?.length ?? t.shape.reduce((a, b) => a * b, 1) * (BYTES[t.dtype] ?? 1);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + n] };
    chunks.push(t.data ?? new Uint8Array(n));
    offset += n;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return safetensorsFromHeader(json, data);
}
