import type { RepoKind } from "./types.js";

/**
 * How one Python callable names a Hub repo: the positional index and keyword names of the repo
 * argument, the keyword of the revision, and how to read the value. `receiver` narrows a method
 * name to classes whose name matches (PEFT's `PeftModel.from_pretrained(base, "owner/adapter")`
 * takes the adapter second).
 */
export interface PythonCallSpec {
  callee: string;
  receiver?: RegExp;
  position: number | undefined;
  keywords: readonly string[];
  kind: RepoKind;
  /** Bare canonical names (`gpt2`, `squad`) count in this position. */
  allowBare: boolean;
  /** Only `hf_hub:`/`hf-hub:` values are Hub references here (timm, open_clip model names). */
  requirePrefix?: boolean;
  /** A `repo_type=` keyword can turn the reference into a dataset (or a space, not counted). */
  repoTypeKeyword?: boolean;
  /** sentence-transformers resolves a bare name to `sentence-transformers/<name>`. */
  bareOrg?: string;
  /** Only where one of these packages is imported (`pipeline` and `LLM` are common names). */
  needsImport?: readonly string[];
  /** Further keywords naming a second repo in the same call (a pipeline's tokenizer). */
  extraKeywords?: readonly string[];
}

const PEFT = /^(?:Peft|AutoPeft)/;

/** Ordered: the first spec whose callee and receiver match is used. */
export const PYTHON_CALLS: readonly PythonCallSpec[] = [
  { callee: "from_pretrained", receiver: PEFT, position: 1, keywords: ["model_id"], kind: "model", allowBare: false },
  { callee: "from_pretrained", position: 0, keywords: ["pretrained_model_name_or_path", "repo_id", "model_id", "model_name_or_path", "model_name"], kind: "model", allowBare: true },
  { callee: "from_model_id", position: undefined, keywords: ["model_id"], kind: "model", allowBare: true },
  { callee: "SentenceTransformer", position: 0, keywords: ["model_name_or_path"], kind: "model", allowBare: true, bareOrg: "sentence-transformers" },
  { callee: "SparseEncoder", position: 0, keywords: ["model_name_or_path"], kind: "model", allowBare: true },
  { callee: "CrossEncoder", position: 0, keywords: ["model_name_or_path", "model_name"], kind: "model", allowBare: true },
  { callee: "pipeline", position: 1, keywords: ["model"], kind: "model", allowBare: true, extraKeywords: ["tokenizer"], needsImport: ["transformers", "optimum"] },
  { callee: "hf_hub_download", position: 0, keywords: ["repo_id"], kind: "model", allowBare: true, repoTypeKeyword: true },
  { callee: "snapshot_download", position: 0, keywords: ["repo_id"], kind: "model", allowBare: true, repoTypeKeyword: true },
  { callee: "hf_hub_url", position: 0, keywords: ["repo_id"], kind: "model", allowBare: true, repoTypeKeyword: true },
  { callee: "load_dataset", position: 0, keywords: ["path"], kind: "dataset", allowBare: true },
  { callee: "load_dataset_builder", position: 0, keywords: ["path"], kind: "dataset", allowBare: true },
  { callee: "load_adapter", position: 0, keywords: ["peft_model_id"], kind: "model", allowBare: false },
  { callee: "load", position: 0, keywords: ["path_or_hf_repo"], kind: "model", allowBare: false, needsImport: ["mlx_lm", "mlx_vlm"] },
  { callee: "LLM", position: 0, keywords: ["model"], kind: "model", allowBare: false, extraKeywords: ["tokenizer"], needsImport: ["vllm"] },
  { callee: "InferenceClient", position: 0, keywords: ["model"], kind: "model", allowBare: false },
  { callee: "AsyncInferenceClient", position: 0, keywords: ["model"], kind: "model", allowBare: false },
  { callee: "HuggingFaceEndpoint", position: undefined, keywords: ["repo_id"], kind: "model", allowBare: false },
  { callee: "HuggingFaceEmbeddings", position: undefined, keywords: ["model_name"], kind: "model", allowBare: false },
  { callee: "create_model", position: 0, keywords: ["model_name"], kind: "model", allowBare: false, requirePrefix: true, needsImport: ["timm", "open_clip"] },
  { callee: "create_model_and_transforms", position: 0, keywords: ["model_name"], kind: "model", allowBare: false, requirePrefix: true, needsImport: ["timm", "open_clip"] },
  { callee: "create_model_from_pretrained", position: 0, keywords: ["model_name"], kind: "model", allowBare: false, requirePrefix: true, needsImport: ["timm", "open_clip"] },
  { callee: "get_tokenizer", position: 0, keywords: ["model_name"], kind: "model", allowBare: false, requirePrefix: true, needsImport: ["timm", "open_clip"] },
];

export function pythonCallSpec(callee: string, receiver: string | undefined): PythonCallSpec | undefined {
  return PYTHON_CALLS.find((s) => s.callee === callee && (!s.receiver || (receiver !== undefined && s.receiver.test(receiver))));
}
