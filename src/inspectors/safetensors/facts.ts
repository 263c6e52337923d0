import type { Region } from "../../types/region.js";

/** What is wrong with a safetensors header (the checks decide which rule each code belongs to). */
export type SafetensorsProblemCode =
  | "too-short"
  | "header-too-large"
  | "header-beyond-file"
  | "bad-start"
  | "invalid-json"
  | "not-object"
  | "bad-entry"
  | "unknown-dtype"
  | "bad-shape"
  | "bad-offsets"
  | "size-mismatch"
  | "out-of-bounds"
  | "gap"
  | "overlap"
  | "trailing-bytes"
  | "metadata-not-string"
  | "duplicate-key"
  | "zero-size-alias";

export interface SafetensorsProblem {
  code: SafetensorsProblemCode;
  /** Tensor name or metadata key concerned, when there is one. */
  subject?: string;
  detail: string;
  region?: Region;
}

export interface SafetensorsHeader {
  headerLength: number;
  tensorCount: number;
  /** Tensors per dtype. */
  dtypes: Record<string, number>;
  /** Bytes covered by tensor data. */
  dataBytes: number;
  /** `__metadata__` keys (values are not copied: they can be large or hold secrets). */
  metadataKeys: string[];
  /** `__metadata__.format` when a string ("pt", "tf", "mlx"...). */
  format?: string;
}

/** What a shard index lists: safetensors shards or PyTorch (`torch.load`) `.bin` shards. */
export type WeightsIndexFormat = "safetensors" | "pytorch";

export interface SafetensorsIndex {
  /** From the index's name: `*.safetensors.index.json` or `*.bin.index.json`. */
  format: WeightsIndexFormat;
  /** Shard file names as written in `weight_map`, deduplicated and sorted. */
  shards: string[];
  tensorCount: number;
  /** Directory of the index file inside the repo ("" at the root). */
  dir: string;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    /** A safetensors header that parsed (even with problems). */
    "safetensors.header": SafetensorsHeader;
    /** One structural problem of a safetensors header. */
    "safetensors.problem": SafetensorsProblem;
    /** A `*.safetensors.index.json` or `*.bin.index.json` shard index. */
    "safetensors.index": SafetensorsIndex;
  }
}
