import { ModelgateError, ParseError } from "../../errors.js";
import type { Region } from "../../types/region.js";
import type { SafetensorsHeader, SafetensorsProblem, SafetensorsProblemCode } from "./facts.js";
import { isJsonObject, parseStrictJson, type JsonObject, type JsonValue } from "./strict-json.js";

/** Bits per element of every dtype the safetensors format defines (sub-byte floats included). */
const DTYPE_BITS: ReadonlyMap<string, number> = new Map([
  ["BOOL", 8],
  ["F4", 4],
  ["F6_E2M3", 6],
  ["F6_E3M2", 6],
  ["U8", 8],
  ["I8", 8],
  ["F8_E5M2", 8],
  ["F8_E4M3", 8],
  ["F8_E8M0", 8],
  ["I16", 16],
  ["U16", 16],
  ["F16", 16],
  ["BF16", 16],
  ["I32", 32],
  ["U32", 32],
  ["F32", 32],
  ["C64", 64],
  ["F64", 64],
  ["I64", 64],
  ["U64", 64],
]);

/** The header starts after the 8-byte length prefix. */
export const HEADER_START = 8;

interface Span {
  name: string;
  begin: number;
  end: number;
  region?: Region;
}

export interface HeaderValidation {
  header?: SafetensorsHeader;
  problems: SafetensorsProblem[];
}

function problem(code: SafetensorsProblemCode, detail: string, subject?: string, region?: Region): SafetensorsProblem {
  const p: SafetensorsProblem = { code, detail };
  if (subject !== undefined) p.subject = subject;
  if (region) p.region = region;
  return p;
}

function isIndex(v: JsonValue | undefined): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Validates a safetensors header the way the reference loader does (and a little stricter: duplicate
 * keys and zero-size aliases are loader-dependent ambiguities). Pure: takes the header bytes and the
 * file size. `headerBytes` is the JSON after the 8-byte length.
 */
export function validateSafetensorsHeader(headerBytes: Uint8Array, fileSize: number): HeaderValidation {
  const problems: SafetensorsProblem[] = [];
  const headerRegion: Region = { byteOffset: HEADER_START, byteLength: headerBytes.length };
  // The reference loader refuses a header that does not open with '{' (InvalidHeaderStart).
  if (headerBytes[0] !== 0x7b) problems.push(problem("bad-start", "the header does not start with '{'", undefined, { byteOffset: HEADER_START, byteLength: 1 }));

  let root: JsonValue;
  let offsets: Map<string, { start: number; end: number }>;
  try {
    const parsed = parseStrictJson(headerBytes, HEADER_START);
    root = parsed.value;
    offsets = parsed.topLevelOffsets;
    for (const d of parsed.duplicates) {
      problems.push(problem("duplicate-key", `key "${d.key}" appears more than once in ${d.pointer}`, d.key, { byteOffset: d.offset, byteLength: d.key.length + 2 }));
    }
  } catch (e) {
    if (!(e instanceof ModelgateError)) throw e;
    const at = e instanceof ParseError && e.offset !== undefined ? { byteOffset: e.offset, byteLength: 1 } : headerRegion;
    problems.push(problem("invalid-json", e.message, undefined, at));
    return { problems };
  }
  if (!isJsonObject(root)) {
    problems.push(problem("not-object", "the header is not a JSON object", undefined, headerRegion));
    return { problems };
  }

  const dataStart = HEADER_START + headerBytes.length;
  const dataSize = fileSize - dataStart;
  const dtypes: Record<string, number> = {};
  const spans: Span[] = [];
  let metadataKeys: string[] = [];
  let format: string | undefined;

  for (const [name, entry] of root) {
    const off = offsets.get(name);
    const region: Region | undefined = off ? { byteOffset: off.start, byteLength: off.end - off.start } : undefined;
    if (name === "__metadata__") {
      const meta = checkMetadata(entry, region, problems);
      metadataKeys = meta.keys;
      format = meta.format;
      continue;
    }
    const span = checkTensor(name, entry, region, problems);
    if (!span) continue;
    dtypes[span.dtype] = (dtypes[span.dtype] ?? 0) + 1;
    spans.push(span.span);
  }

  checkLayout(spans, dataSize, dataStart, problems);
  const header: SafetensorsHeader = {
    headerLength: headerBytes.length,
    tensorCount: spans.length,
    dtypes,
    dataBytes: spans.reduce((n, s) => n + (s.end - s.begin), 0),
    metadataKeys,
  };
  if (format !== undefined) header.format = format;
  return { header, problems };
}

function checkMetadata(entry: JsonValue, region: Region | undefined, problems: SafetensorsProblem[]): { keys: string[]; format?: string } {
  // The reference loader reads `__metadata__` as HashMap<String, String>; Python readers accept anything.
  if (!isJsonObject(entry)) {
    problems.push(problem("metadata-not-string", "__metadata__ is not an object of strings", "__metadata__", region));
    return { keys: [] };
  }
  const bad = [...entry].filter(([, v]) => typeof v !== "string").map(([k]) => k);
  if (bad.length > 0) problems.push(problem("metadata-not-string", `__metadata__ values that are not strings: ${bad.slice(0, 5).join(", ")}`, "__metadata__", region));
  const fmt = entry.get("format");
  const out: { keys: string[]; format?: string } = { keys: [...entry.keys()].sort() };
  if (typeof fmt === "string") out.format = fmt;
  return out;
}

function checkTensor(name: string, entry: JsonValue, region: Region | undefined, problems: SafetensorsProblem[]): { dtype: string; span: Span } | undefined {
  if (!isJsonObject(entry)) {
    problems.push(problem("bad-entry", `tensor "${name}" is not an object`, name, region));
    return undefined;
  }
  const dtype = entry.get("dtype");
  const shape = entry.get("shape");
  const offsets = entry.get("data_offsets");
  if (typeof dtype !== "string" || !Array.isArray(shape) || !Array.isArray(offsets)) {
    problems.push(problem("bad-entry", `tensor "${name}" lacks dtype, shape or data_offsets`, name, region));
    return undefined;
  }
  const bits = DTYPE_BITS.get(dtype);
  if (bits === undefined) problems.push(problem("unknown-dtype", `tensor "${name}" has unknown dtype "${dtype.slice(0, 32)}"`, name, region));
  if (!shape.every(isIndex)) {
    problems.push(problem("bad-shape", `tensor "${name}" has a shape that is not a list of non-negative integers`, name, region));
    return undefined;
  }
  const [begin, end] = offsets;
  if (offsets.length !== 2 || !isIndex(begin) || !isIndex(end) || end < begin) {
    problems.push(problem("bad-offsets", `tensor "${name}" has data_offsets that are not [begin, end] with begin <= end`, name, region));
    return undefined;
  }
  if (bits !== undefined) {
    // BigInt: a shape product can pass 2^53 long before any real file would.
    const elements = shape.reduce<bigint>((n, d) => n * BigInt(d as number), 1n);
    const totalBits = elements * BigInt(bits);
    const expected = totalBits / 8n;
    if (totalBits % 8n !== 0n) problems.push(problem("size-mismatch", `tensor "${name}" has ${elements} elements of ${bits} bits, not a whole number of bytes`, name, region));
    else if (expected !== BigInt(end - begin)) {
      problems.push(problem("size-mismatch", `tensor "${name}": shape [${shape.join(", ")}] × ${dtype} needs ${expected} bytes but data_offsets span ${end - begin}`, name, region));
    }
  }
  const span: Span = { name, begin, end };
  if (region) span.region = region;
  return { dtype, span };
}

function checkLayout(spans: Span[], dataSize: number, dataStart: number, problems: SafetensorsProblem[]): void {
  const sorted = [...spans].sort((a, b) => a.begin - b.begin || a.end - b.end || (a.name < b.name ? -1 : 1));
  let cursor = 0;
  let prev: Span | undefined;
  for (const s of sorted) {
    if (s.end > dataSize) {
      problems.push(problem("out-of-bounds", `tensor "${s.name}" ends at data byte ${s.end}, past the ${Math.max(0, dataSize)}-byte data region`, s.name, s.region));
    }
    if (s.begin > cursor) {
      problems.push(problem("gap", `${s.begin - cursor} unreferenced bytes before tensor "${s.name}"`, s.name, { byteOffset: dataStart + cursor, byteLength: s.begin - cursor }));
    } else if (s.begin < cursor) {
      problems.push(problem("overlap", `tensor "${s.name}" overlaps tensor "${prev?.name ?? "?"}"`, s.name, s.region));
    } else if (prev && s.begin === s.end && prev.begin === s.begin && prev.end === s.end) {
      // Accepted by the reference loader; a huntr PoC (01data-ai safetensors_f002_zero_size_offset_bypass) abuses it.
      problems.push(problem("zero-size-alias", `zero-size tensors "${prev.name}" and "${s.name}" share data offset ${s.begin}`, s.name, s.region));
    }
    cursor = Math.max(cursor, s.end);
    prev = s;
  }
  if (dataSize > cursor) {
    problems.push(problem("trailing-bytes", `${dataSize - cursor} bytes after the last tensor are not described by the header`, undefined, { byteOffset: dataStart + cursor, byteLength: dataSize - cursor }));
  }
}
