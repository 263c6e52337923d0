import { describe, expect, it } from "vitest";
import { render } from "../../src/reporters/index.js";
import { scanFiles } from "../helpers/scan-files.js";

interface Json {
  remoteCode: { required: boolean; references: { module: string; repo: string | null; local: boolean; present: boolean; lookup: unknown }[]; pythonFiles: string[]; dangerousCalls: Record<string, number> };
  chatTemplates: { source: string; name: string | null; parseStatus: string; findings: { ruleId: string }[] }[];
  advisories: { id: string; package: string; version: string; sourceFile: string; severity: string }[];
  advisorySet: { date: string; count: number };
  secrets: unknown[];
}

async function json(files: Record<string, string>): Promise<Json> {
  return JSON.parse(render("json", await scanFiles(files))) as Json;
}

describe("JSON report sections", () => {
  it("remoteCode lists local and cross-repo modules and says code is required", async () => {
    const j = await json({
      "config.json": JSON.stringify({ auto_map: { AutoConfig: "configuration_x.XConfig", AutoModel: "other/codes--modeling_x.XModel" } }),
      "configuration_x.py": "import os\nx = os.environ.get('A')\n",
    });
    expect(j.remoteCode.required).toBe(true);
    expect(j.remoteCode.references).toEqual([
      { module: "configuration_x", file: "configuration_x.py", repo: null, local: true, present: true, via: "config.json auto_map.AutoConfig", lookup: null },
      {
        module: "modeling_x",
        file: "modeling_x.py",
        repo: "other/codes",
        local: false,
        present: false,
        via: "config.json auto_map.AutoModel",
        lookup: { state: "not-looked-up", detail: "local target: the other repo was not looked up on the Hub" },
      },
    ]);
    expect(j.remoteCode.pythonFiles).toEqual(["configuration_x.py"]);
    expect(j.remoteCode.dangerousCalls).toEqual({ "environment-access": 1 });
  });

  it("remoteCode is not required for a plain model", async () => {
    const j = await json({ "config.json": JSON.stringify({ model_type: "bert" }) });
    expect(j.remoteCode).toEqual({ required: false, references: [], pythonFiles: [], dangerousCalls: {} });
  });

  it("chatTemplates has one entry per template with its parse status and findings", async () => {
    const j = await json({
      "tokenizer_config.json": JSON.stringify({ chat_template: [{ name: "default", template: "{% for m in messages %}{{ m.content }}{% endfor %}" }, { name: "rag", template: "{{ cycler.__init__ }}" }] }),
      "chat_template.jinja": "{% if %}",
    });
    expect(j.chatTemplates.map((t) => [t.source, t.name, t.parseStatus, t.findings.map((f) => f.ruleId)])).toEqual([
      ["chat_template.jinja", null, "syntax-error", ["MG-TPL-001"]],
      ["tokenizer_config.json", "default", "ok", []],
      ["tokenizer_config.json", "rag", "ok", ["MG-TPL-002"]],
    ]);
  });

  it("advisories lists each matched advisory with package, version and source file, and the set's date", async () => {
    const j = await json({ "requirements.txt": "keras==3.7.0\n" });
    expect(j.advisories.map((a) => [a.id, a.package, a.version, a.sourceFile, a.severity])).toEqual([
      ["GHSA-36fq-jgmw-4r9c", "keras", "3.7.0", "requirements.txt", "high"],
      ["GHSA-48g7-3x6r-xfhp", "keras", "3.7.0", "requirements.txt", "critical"],
      ["GHSA-4f3f-g24h-fr8m", "keras", "3.7.0", "requirements.txt", "medium"],
      ["GHSA-c9rc-mg46-23w3", "keras", "3.7.0", "requirements.txt", "high"],
    ]);
    expect(j.advisorySet.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(j.advisorySet.count).toBeGreaterThan(20);
  });

  it("secrets is an empty list when nothing leaked", async () => {
    expect((await json({ "config.json": "{}" })).secrets).toEqual([]);
  });
});
