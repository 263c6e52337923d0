/** Tags a ModelProto may put right after `ir_version` (fields 2-8 and 14, 20, 25). */
const NEXT_TAGS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0xa2, 0xca]);

/**
 * ONNX has no magic number; a serialized ModelProto nearly always opens with `ir_version` (field 1,
 * varint, 3..20) followed by another ModelProto field. Exported for the sniffer.
 */
export function looksLikeOnnx(head: Uint8Array): boolean {
  if (head.length < 3 || head[0] !== 0x08) return false;
  const v = head[1] ?? 0;
  // IR versions 1-2 predate the 2017 release; excluding them keeps SavedModel (`08 01 12`) apart.
  if (v < 3 || v > 20) return false;
  const next = head[2] ?? 0;
  return NEXT_TAGS.has(next);
}
