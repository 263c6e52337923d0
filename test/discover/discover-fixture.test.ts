import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { discover } from "../../src/discover/discover.js";
import type { DiscoverReport } from "../../src/discover/types.js";

const CODEBASE = join(import.meta.dirname, "..", "..", "fixtures", "codebases", "ml-service");

/** Every reference of the fixture codebase, `kind id@revision path:line`, sorted like the report. */
const EXPECTED_REFERENCES = [
  "model acme/compose-pinned@1111111111111111111111111111111111111111 deploy/compose-revision.yml:4",
  "model acme/compose-tagged@v2 deploy/compose-revision.yml:8",
  "dataset acme/corpus deploy/docker-compose.yml:12",
  "dataset acme/eval-prompts config/eval.toml:6",
  "dataset acme/eval-set@0123456789abcdef0123456789abcdef01234567 app/train.py:43 scripts/serve.sh:8",
  "model acme/kept-by-negation app/keep.local.py:2",
  "model acme/mistral-lora@v1.0 app/train.py:29",
  "model acme/ranker app/train.py:48",
  "model acme/raw-weights@main app/args.py:27",
  "model acme/sagemaker-model@89abcdef0123456789abcdef0123456789abcdef deploy/sagemaker.yaml:4",
  "model acme/served-default app/args.py:26",
  "dataset acme/support-tickets app/train.py:36 config/train.yaml:4 scripts/fetch.sh:5",
  "dataset acme/support-tickets@main app/train.py:39",
  "dataset acme/voice-samples web/src/download.mjs:5",
  "model BAAI/bge-small-en-v1.5 config/serve.json:7",
  "model bartowski/Llama-3.2-1B-Instruct-GGUF scripts/serve.sh:4",
  "model bartowski/Llama-3.2-3B-Instruct-GGUF scripts/serve.sh:5",
  "model bert-base-uncased app/train.py:28",
  "model bigcode/starcoder2-3b deploy/docker-compose.yml:6",
  "model bigscience/bloom-560m deploy/docker-compose.yml:4",
  "model cross-encoder/ms-marco-MiniLM-L-6-v2 app/train.py:32",
  "model distilbert/distilbert-base-uncased-finetuned-sst-2-english app/train.py:34",
  "model EleutherAI/gpt-neo-125m@21def0189f5705e2521767faed922f1f15e7d7db app/args.py:15",
  "model EleutherAI/pythia-160m scripts/fetch.sh:7",
  "model EleutherAI/pythia-410m@step100000 scripts/serve.sh:9",
  "model facebook/opt-125m@27dcfa74d334bc871f3234de431e71c6eeba5dd6 notebooks/explore.ipynb:15",
  "model facebook/opt-350m@21def0189f5705e2521767faed922f1f15e7d7db app/args.py:21",
  "model google/flan-t5-base@7bcac572ce56db69c1ea7c8af255c5d7c9672fc2 scripts/fetch.sh:4",
  "model google/flan-t5-small notebooks/explore.ipynb:28",
  "model google/gemma-2-2b-it@299a8560bedf22ed1c72a8a11e7dce4a7f9f51f8 config/train.yaml:7",
  "model HuggingFaceH4/zephyr-7b-alpha@014792f3f4d5e1fd5a1e8d8ac1ca2f1f4a5a44d6 scripts/serve.sh:10",
  "model HuggingFaceH4/zephyr-7b-beta@892b3d7a7b1cf10c7a701c60881cd93df615734c config/serve.json:3",
  "model HuggingFaceTB/SmolLM2-1.7B-Instruct Dockerfile:5",
  "model HuggingFaceTB/SmolLM2-135M@main .github/workflows/nightly.yml:13",
  "model ibm-granite/granite-3.0-2b-instruct deploy/k8s.yaml:18",
  "dataset imdb app/args.py:22",
  "model laion/CLIP-ViT-B-32-laion2B-s34B-b79K app/train.py:42",
  "model meta-llama/Llama-3.1-8B config/train.yaml:2 config/train.yaml:3",
  "model meta-llama/Llama-3.1-8B-Instruct web/src/chat.ts:4",
  "model microsoft/phi-2@ef382358ec9e382308935a992d908de099b64c23 Dockerfile:4",
  "model mistralai/Mistral-7B-v0.1@26bca36bde8333b5d7f72e9ed20ccda6a618af24 app/train.py:27",
  "model mlx-community/Mistral-7B-Instruct-v0.3-4bit app/args.py:30",
  "model nomic-ai/nomic-embed-text-v1.5 deploy/docker-compose.yml:11",
  "model onnx-community/whisper-tiny@main web/src/download.mjs:4",
  "model openai-community/gpt2 app/train.py:33",
  "model openai/whisper-large-v3 scripts/serve.sh:6",
  "model prometheus-eval/prometheus-7b-v2.0 config/eval.toml:2",
  "model Qwen/Qwen2.5-0.5B-Instruct app/train.py:30",
  "model Qwen/Qwen2.5-1.5B-Instruct scripts/serve.sh:3",
  "model Qwen/Qwen2.5-7B-Instruct@a09a35458c702b33eeacc393d103063234e8bc28 deploy/k8s.yaml:13",
  "model sentence-transformers/all-MiniLM-L6-v2 app/train.py:31",
  "model sentence-transformers/all-mpnet-base-v2 .env:2",
  "dataset squad app/train.py:38",
  "model stabilityai/stable-diffusion-xl-base-1.0 app/train.py:37",
  "model stable-diffusion-v1-5/stable-diffusion-v1-5@main app/args.py:28",
  "model TheBloke/Llama-2-7B-GGUF@191239b3e26b2882fb562ffccdd1cf0f65402adb app/train.py:35",
  "model TheBloke/Mistral-7B-Instruct-v0.2-GGUF@main scripts/serve.sh:7",
  "model tiiuae/falcon-7b-instruct Dockerfile:2",
  "model timm/vit_base_patch16_224.augreg_in21k app/train.py:41",
  "model unsloth/Llama-3.2-1B-Instruct app/args.py:29",
  "dataset wikitext scripts/fetch.sh:8",
  "model Xenova/bert-base-uncased web/src/classify.ts:10",
  "model Xenova/distilbert-base-uncased-finetuned-sst-2-english@8b1d4e6b0a3c2f1e9d8c7b6a5f4e3d2c1b0a9f8e web/src/classify.ts:9",
];

function describeRefs(r: DiscoverReport): string[] {
  return r.references.map((x) => [x.kind, `${x.id}${x.revision ? `@${x.revision}` : ""}`, ...x.locations.map((l) => `${l.path}:${l.line}`)].join(" "));
}

describe("discover on the fixture codebase (fixtures/codebases/ml-service)", () => {
  let report: DiscoverReport;
  beforeAll(() => {
    report = discover({ dir: CODEBASE });
  });

  it("finds every reference form of Python (calls, option defaults, env defaults, Hub URLs), notebooks, JS/TS, YAML/JSON/TOML, shell, serving CLIs, Dockerfile, CI and .env files, with their revisions, sorted", () => {
    expect(describeRefs(report)).toEqual(EXPECTED_REFERENCES);
  });

  it("reports values only known at run time as dynamic, with their lines, and never guesses an id for them", () => {
    expect(report.dynamic.map((d) => `${d.path}:${d.line}`)).toEqual([
      ".github/workflows/nightly.yml:15",
      "app/args.py:26",
      "app/train.py:46",
      "app/train.py:47",
      "app/train.py:48",
      "config/train.yaml:10",
      "scripts/fetch.sh:10",
      "web/src/chat.ts:5",
      "web/src/classify.ts:11",
    ]);
    expect(report.references.map((r) => r.id).filter((id) => id.startsWith("acme/model-") || id.startsWith("Xenova/all-MiniLM-"))).toEqual([]);
  });

  it("ignores comments, docstrings, markdown cells, regex literals, strings outside loader calls and other providers' model names", () => {
    const ids = report.references.map((r) => r.id).join("\n");
    for (const friend of ["commented/", "docstring/", "markdown/", "regex/", "not-a-call/", "another/plain-string", "meta-llama/Llama-2-7b", "definition/", "gpt-4", "bedrock/", "hf"]) {
      expect(ids.split("\n").filter((id) => id.startsWith(friend) || id === friend)).toEqual([]);
    }
  });

  it("does not count local paths (./x, /x, checkpoint folders, folders that exist in the codebase) as Hub references", () => {
    const ids = report.references.map((r) => r.id);
    expect(ids.filter((id) => ["model", "./model", "models/llama", "/models/llama", "checkpoints/run-3", "my-org-weights/bert-finetuned", "outputs/run", "weights/flan"].includes(id))).toEqual([]);
    expect(ids.filter((id) => id.startsWith("checkpoints/") || id.startsWith("outputs/") || id.startsWith("my-org-weights/"))).toEqual([]);
  });

  it("skips .gitignore'd files (root, nested, globs; honours negation), node_modules, virtual envs and binary files", () => {
    const paths = new Set(report.references.flatMap((r) => r.locations.map((l) => l.path)));
    for (const p of ["ignored/model.py", "app/scratch.py", "app/notes.local.py", "node_modules/hf-helper/index.js", "venv-custom/lib/site.py", "app/compiled_cache.py"]) expect(paths.has(p), p).toBe(false);
    expect(paths.has("app/keep.local.py")).toBe(true);
    expect(report.notChecked).toEqual([]);
  });

  it("reports each unpinned location as a medium MG-DSC-001 finding at its line, and pinned ones not at all", () => {
    const unpinned = report.references.filter((r) => !r.pinned).flatMap((r) => r.locations.map((l) => `${l.path}:${l.line}`));
    const findings = report.findings.filter((f) => f.ruleId === "MG-DSC-001");
    expect(findings.map((f) => `${f.artifact?.path ?? ""}:${f.region?.startLine ?? 0}`).sort()).toEqual([...unpinned].sort());
    expect(findings.every((f) => f.severity === "medium")).toBe(true);
    expect(report.verdict.passed).toBe(false);
  });

  it("quotes the source line as the snippet (the cell's own text for notebooks)", () => {
    const t5 = report.references.find((r) => r.id === "google/flan-t5-small");
    expect(t5?.locations[0]?.snippet).toBe('t5 = AutoModelForSeq2SeqLM.from_pretrained("google/flan-t5-small")');
  });

  it("gives the same report on a second run (deterministic)", () => {
    expect(JSON.stringify(discover({ dir: CODEBASE }))).toBe(JSON.stringify(report));
  });
});
