/** One pickle of a file, as the walk saw it. */
export interface StreamSummary {
  index: number;
  offset: number;
  end: number;
  protocol: number;
  opcodes: number;
  /** Walked after an earlier STOP; a parse error here means trailing data unless it imported something. */
  trailing: boolean;
  globals: number;
  calls: number;
  error?: { message: string; offset: number };
}

/** What a walk of a file found besides imports and calls: its pickles and layout. */
export interface WalkResult {
  streams: StreamSummary[];
  layout: "pickle" | "pytorch-legacy" | "joblib";
  /** PyTorch legacy: where the raw storage bytes start (not walked). */
  rawStorageOffset?: number;
  /** Bytes after the last pickle that are not a pickle. */
  trailing?: { offset: number; length: number };
  memoOverflow: boolean;
  /** Opcodes that straddle a FRAME boundary: CPython's C and Python unpicklers disagree on these (cpython#154848). */
  frameViolations: number;
  joblibArrays: number;
  /** Bytes jumped over without reading (large blobs, joblib arrays). */
  bytesSkipped: number;
}
