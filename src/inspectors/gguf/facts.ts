import type { Region } from "../../types/region.js";

export type GgufProblemCode =
  | "bad-version"
  | "truncated"
  | "limit"
  | "malformed"
  | "duplicate-key"
  | "bad-alignment"
  | "bad-tensor-dims"
  | "bad-tensor-offset"
  | "tensor-out-of-bounds"
  | "tensor-overlap"
  | "duplicate-tensor";

export interface GgufProblem {
  code: GgufProblemCode;
  detail: string;
  /** Key or tensor name concerned. */
  subject?: string;
}

export interface GgufHeader {
  version: number;
  tensorCount: number;
  kvCount: number;
  alignment: number;
  /** File offset where tensor data starts (after the tensor infos, aligned). */
  dataOffset?: number;
  architecture?: string;
  name?: string;
  license?: string;
  /** Names of the chat templates found ("default" for `tokenizer.chat_template`). */
  chatTemplates: string[];
}

declare module "../../types/fact.js" {
  interface FactTypes {
    /** A GGUF header that could be read at least up to its counts. */
    "gguf.header": GgufHeader;
    /** One structural problem of a GGUF header (the region points at the offending bytes). */
    "gguf.problem": GgufProblem;
  }
}
