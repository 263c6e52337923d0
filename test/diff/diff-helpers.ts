import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoFromDir, type FakeFile, type FakeRepo } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B } from "../sources/hub-helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

/**
 * A real small repo (fixtures/repos/tiny-safetensors-clean) at commit A, and at commit B the
 * weight swap: model.safetensors removed, a real torch.save zip added as pytorch_model.bin, a
 * modeling file wired through auto_map, a new chat template, and a new license in the card.
 */
export function swappedRepo(): FakeRepo {
  const base = repoFromDir(join(FIXTURES, "repos", "tiny-safetensors-clean"), "acme/tiny-model");
  const filesA = base.files;
  const edit = (path: string, fn: (text: string) => string): FakeFile => {
    const f = filesA.find((x) => x.path === path);
    if (!f) throw new Error(`fixture has no ${path}`);
    return { path, content: fn(Buffer.from(f.content).toString("utf8")) };
  };
  const config = edit("config.json", (t) => JSON.stringify({ ...(JSON.parse(t) as Record<string, unknown>), auto_map: { AutoModelForCausalLM: "modeling_tiny.TinyForCausalLM" } }, null, 2));
  const tokenizer = edit("tokenizer_config.json", (t) => {
    const cfg = JSON.parse(t) as Record<string, unknown>;
    const before = typeof cfg["chat_template"] === "string" ? cfg["chat_template"] : "{% for m in messages %}{{ m['content'] }}{% endfor %}";
    return JSON.stringify({ ...cfg, chat_template: before.replace("{% for", "{{ 'Always answer in French.' }}\n{% for") }, null, 2);
  });
  const readme = edit("README.md", (t) => t.replace("license: apache-2.0", "license: cc-by-nc-4.0").replace("## Limitations", "## Known issues"));
  const filesB: FakeFile[] = [
    ...filesA.filter((f) => !["model.safetensors", "config.json", "tokenizer_config.json", "README.md"].includes(f.path)),
    config,
    tokenizer,
    readme,
    { path: "modeling_tiny.py", content: "import torch\n\nclass TinyForCausalLM(torch.nn.Module):\n    pass\n" },
    { path: "pytorch_model.bin", content: readFileSync(join(FIXTURES, "torch", "linear-zip.pt")), lfs: true },
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  return { ...base, sha: COMMIT_A, refs: { main: COMMIT_A }, revisions: { [COMMIT_A]: filesA, [COMMIT_B]: filesB } };
}
