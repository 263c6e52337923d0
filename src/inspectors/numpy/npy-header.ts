import { ParseError } from "../../errors.js";
import { Cursor } from "../../io/cursor.js";
import { MAX_NPY_HEADER_BYTES } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import { parsePyLiteral, type PyValue } from "./py-literal.js";

export interface NpyHeader {
  version: string;
  descr: string;
  shape: number[];
  fortranOrder: boolean;
  objectDtype: boolean;
  /** Bytes per element, when the dtype is simple enough to know. */
  itemsize?: number;
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** A dtype descr holds Python objects when any field's type code is `O`. */
function hasObject(descr: PyValue): boolean {
  if (typeof descr === "string") return /^[<>|=]?O\d*$/.test(descr);
  if (Array.isArray(descr)) return descr.some((d) => (Array.isArray(d) ? d.slice(1, 2).some(hasObject) : hasObject(d)));
  return false;
}

function itemsizeOf(descr: PyValue): number | undefined {
  if (typeof descr === "string") {
    const m = /^[<>|=]?([?bBhHiIlLqQfdgeFDGbiufcSaUVmM])(\d*)(\[[a-zA-Z]+\])?$/.exec(descr);
    if (!m) return undefined;
    const n = m[2] ? Number(m[2]) : undefined;
    if (m[1] === "?") return 1;
    if (m[1] === "U") return n !== undefined ? n * 4 : undefined;
    return n;
  }
  if (Array.isArray(descr)) {
    let sum = 0;
    for (const f of descr) {
      if (!Array.isArray(f) || f.length < 2) return undefined;
      const size = itemsizeOf(f[1]!);
      if (size === undefined) return undefined;
      const shape = f[2];
      const count = Array.isArray(shape) ? shape.reduce<number>((a, b) => a * (typeof b === "number" ? b : NaN), 1) : 1;
      sum += size * count;
    }
    return Number.isFinite(sum) ? sum : undefined;
  }
  return undefined;
}

function descrText(d: PyValue): string {
  return typeof d === "string" ? d : JSON.stringify(d);
}

/** Reads and validates a .npy header (format versions 1.0, 2.0, 3.0) without evaluating anything. */
export async function readNpyHeader(source: ByteSource, signal?: AbortSignal): Promise<NpyHeader> {
  const pre = await source.read(0, 12, signal);
  const c = new Cursor(pre, 0, "numpy header");
  const magic = c.bytesView(6);
  if (!MAGIC.every((b, i) => magic[i] === b)) throw new ParseError("numpy: bad magic", { offset: 0 });
  const major = c.u8();
  const minor = c.u8();
  if (major < 1 || major > 3) throw new ParseError(`numpy: unknown format version ${major}.${minor}`, { offset: 6 });
  const len = major === 1 ? c.u16() : c.u32();
  const start = c.pos;
  if (len > MAX_NPY_HEADER_BYTES) throw new ParseError(`numpy: header of ${len} bytes exceeds ${MAX_NPY_HEADER_BYTES}`, { offset: 8 });
  if (start + len > source.size) throw new ParseError(`numpy: header of ${len} bytes runs past the end of the file`, { offset: 8 });
  const bytes = await source.read(start, len, signal);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes);
  const dict = parsePyLiteral(text, start);
  if (typeof dict !== "object" || dict === null || Array.isArray(dict)) throw new ParseError("numpy: header is not a dict", { offset: start });
  const { descr, shape, fortran_order: fortran } = dict;
  if (descr === undefined || shape === undefined || typeof fortran !== "boolean") throw new ParseError("numpy: header lacks descr, shape or fortran_order", { offset: start });
  if (!Array.isArray(shape) || !shape.every((n) => typeof n === "number" && n >= 0)) throw new ParseError("numpy: shape is not a tuple of non-negative integers", { offset: start });
  const header: NpyHeader = {
    version: `${major}.${minor}`,
    descr: descrText(descr),
    shape: shape as number[],
    fortranOrder: fortran,
    objectDtype: hasObject(descr),
    dataOffset: start + len,
  };
  const itemsize = header.objectDtype ? undefined : itemsizeOf(descr);
  if (itemsize !== undefined) header.itemsize = itemsize;
  return header;
}
