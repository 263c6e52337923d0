import { PCall, PDict, PGlobal, PSeq, type PValue } from "./values.js";

/** What joblib's NumpyArrayWrapper.read_array reads from the file right after the wrapper's BUILD. */
export interface JoblibArray {
  /** Raw array bytes that follow (after the optional padding); -1 when the size cannot be known. */
  nbytes: number;
  /** joblib ≥ 1.2 writes one padding-length byte and that much padding first. */
  padded: boolean;
  /** dtype has objects: a whole nested pickle (protocol 2) follows instead of raw bytes. */
  objectDtype: boolean;
}

function dictGet(d: PDict, key: string): PValue | undefined {
  const i = d.keys.indexOf(key);
  return i < 0 ? undefined : d.values[i];
}

/** Bytes per element from the dtype string numpy pickles (`dtype("f8", False, True)`; "U5" is 5 characters). */
function itemSize(dtype: PValue | undefined): { size: number; object: boolean } | undefined {
  if (!(dtype instanceof PCall) || !(dtype.args instanceof PSeq)) return undefined;
  const code = dtype.args.items[0];
  if (typeof code !== "string") return undefined;
  const m = /^[<>=|]?([a-zA-Z?])(\d*)$/.exec(code);
  if (!m) return undefined;
  const kind = m[1]!;
  if (kind === "O") return { size: 8, object: true };
  if (kind === "?") return { size: 1, object: false };
  if (m[2] === "") return undefined;
  const n = Number(m[2]);
  return { size: kind === "U" ? n * 4 : n, object: false };
}

/**
 * Recognises joblib's array wrapper (joblib/numpy_pickle.py NumpyArrayWrapper) after BUILD and
 * computes how many bytes of array data follow it in the file.
 */
export function joblibArrayOf(inst: PCall, state: PValue): JoblibArray | undefined {
  const cls = inst.callee;
  if (!(cls instanceof PGlobal) || cls.name !== "NumpyArrayWrapper" || !cls.module?.endsWith("numpy_pickle")) return undefined;
  if (!(state instanceof PDict)) return { nbytes: -1, padded: false, objectDtype: false };
  const item = itemSize(dictGet(state, "dtype"));
  const align = dictGet(state, "numpy_array_alignment_bytes");
  const padded = align !== undefined && align !== null;
  if (item?.object) return { nbytes: 0, padded: false, objectDtype: true };
  const shape = dictGet(state, "shape");
  if (!item || !(shape instanceof PSeq) || shape.count !== shape.items.length) return { nbytes: -1, padded, objectDtype: false };
  let count = 1;
  for (const d of shape.items) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) return { nbytes: -1, padded, objectDtype: false };
    count *= d;
  }
  const nbytes = count * item.size;
  return { nbytes: Number.isSafeInteger(nbytes) ? nbytes : -1, padded, objectDtype: false };
}
