import { MAX_SAFETENSORS_HEADER_BYTES } from "../../limits.js";
import type { SafetensorsProblemCode } from "../safetensors/facts.js";
import { HEADER_START, validateSafetensorsHeader } from "../safetensors/validate-header.js";

/**
 * The header length of a safetensors file when the head starts like one: a u64 length within the
 * reference loader's bound and the file, then '{'. Undefined otherwise.
 */
export function safetensorsHeaderLength(head: Uint8Array, size: number): number | undefined {
  if (head.byteLength <= HEADER_START || head[HEADER_START] !== 0x7b) return undefined;
  const len = new DataView(head.buffer, head.byteOffset, head.byteLength).getBigUint64(0, true);
  if (len < 2n || len > BigInt(MAX_SAFETENSORS_HEADER_BYTES) || len > BigInt(size - HEADER_START)) return undefined;
  return Number(len);
}

/** Problems that mean the bytes are not a safetensors file at all, rather than a flawed one. */
const STRUCTURAL: ReadonlySet<SafetensorsProblemCode> = new Set<SafetensorsProblemCode>(["bad-start", "invalid-json", "not-object", "bad-entry", "bad-shape", "bad-offsets", "out-of-bounds", "overlap"]);

/**
 * A structurally valid safetensors header: a JSON object whose tensor entries are well formed and
 * whose data spans lie inside the file without overlapping. Dtype, size and layout quirks are for the
 * safetensors checks to report; they do not make the file something else.
 */
export function isStructurallyValidSafetensorsHeader(headerBytes: Uint8Array, size: number): boolean {
  const { header, problems } = validateSafetensorsHeader(headerBytes, size);
  return header !== undefined && !problems.some((p) => STRUCTURAL.has(p.code));
}
