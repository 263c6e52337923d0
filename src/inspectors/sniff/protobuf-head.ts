/**
 * Protobuf heuristics for the two protobuf model formats, which have no magic number: an ONNX
 * ModelProto (ir_version first, then producer strings, graph, opsets) and a TF SavedModel
 * (schema version 1, then MetaGraphDefs). Only the head's top-level fields are looked at.
 */

interface Field {
  num: number;
  wire: number;
  value?: number;
  at: number;
  len?: number;
}

function varint(head: Uint8Array, at: number): { v: number; next: number } | undefined {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10 && at + i < head.byteLength; i++) {
    const b = head[at + i]!;
    v += (b & 0x7f) * mul;
    mul *= 128;
    if ((b & 0x80) === 0) return v > Number.MAX_SAFE_INTEGER ? undefined : { v, next: at + i + 1 };
  }
  return undefined;
}

/** Top-level fields readable within the head (a field running past the head ends the list). */
function topFields(head: Uint8Array, max = 16): Field[] | undefined {
  const out: Field[] = [];
  let at = 0;
  while (at < head.byteLength && out.length < max) {
    const tag = varint(head, at);
    if (!tag) return out.length ? out : undefined;
    const num = Math.floor(tag.v / 8);
    const wire = tag.v & 7;
    if (num === 0) return undefined;
    if (wire === 0) {
      const v = varint(head, tag.next);
      if (!v) return out;
      out.push({ num, wire, value: v.v, at: tag.next });
      at = v.next;
    } else if (wire === 2) {
      const l = varint(head, tag.next);
      if (!l) return out;
      out.push({ num, wire, at: l.next, len: l.v });
      at = l.next + l.v;
    } else if (wire === 1) {
      out.push({ num, wire, at: tag.next });
      at = tag.next + 8;
    } else if (wire === 5) {
      out.push({ num, wire, at: tag.next });
      at = tag.next + 4;
    } else return undefined;
  }
  return out;
}

const ONNX_LEN_FIELDS = new Set([2, 3, 4, 6, 7, 8, 14, 20, 25, 26]);

function printable(head: Uint8Array, at: number, len: number): boolean {
  const end = Math.min(head.byteLength, at + len);
  for (let i = at; i < end; i++) {
    const b = head[i]!;
    if (b < 0x20 || b > 0x7e) return false;
  }
  return true;
}

export function looksLikeSavedModel(head: Uint8Array): boolean {
  const f = topFields(head, 3);
  if (!f || f.length < 2) return false;
  const [a, b] = f;
  // saved_model_schema_version = 1, then meta_graphs whose MetaGraphDef opens with meta_info_def (field 1).
  return a!.num === 1 && a!.wire === 0 && a!.value === 1 && b!.num === 2 && b!.wire === 2 && (b!.len ?? 0) > 16 && head[b!.at] === 0x0a;
}

export function looksLikeOnnx(head: Uint8Array): boolean {
  const f = topFields(head);
  if (!f || f.length < 2) return false;
  const first = f[0]!;
  if (first.num !== 1 || first.wire !== 0 || first.value === undefined || first.value < 2 || first.value > 30) return false;
  let strings = 0;
  for (const x of f.slice(1)) {
    if (x.num === 5 && x.wire === 0) continue;
    if (!ONNX_LEN_FIELDS.has(x.num) || x.wire !== 2) return false;
    if ((x.num === 2 || x.num === 3 || x.num === 4) && x.len !== undefined) {
      if (x.len > 256 || !printable(head, x.at, x.len)) return false;
      strings++;
    }
  }
  return strings > 0 || f.some((x) => x.num === 7 || x.num === 8);
}
