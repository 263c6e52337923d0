/** Minimal protobuf wire-format encoder for hand-built ONNX / TensorFlow messages in tests. */

export type Field = Uint8Array;

function varintBytes(n: bigint | number): number[] {
  let v = BigInt(n);
  if (v < 0n) v = BigInt.asUintN(64, v);
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const pb = {
  varint: (field: number, v: bigint | number): Field => new Uint8Array([...varintBytes(field << 3), ...varintBytes(v)]),
  bytes: (field: number, payload: Uint8Array): Field => concat([new Uint8Array([...varintBytes((field << 3) | 2), ...varintBytes(payload.length)]), payload]),
  str: (field: number, s: string): Field => pb.bytes(field, new TextEncoder().encode(s)),
  msg: (field: number, ...fields: Field[]): Field => pb.bytes(field, concat(fields)),
  /** A whole message (no tag): the top level of a file. */
  root: (...fields: Field[]): Uint8Array => concat(fields),
};
