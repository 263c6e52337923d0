import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";

const fixture = (path: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url));
/** A real torch.save file stands in for each shard: only its presence matters to the rule. */
const shard = fixture("torch/linear-zip.pt");
const decapoda = fixture("weights-index/decapoda-research__llama-7b-hf/pytorch_model.bin.index.json");
const llama2 = fixture("weights-index/meta-llama__Llama-2-7b-hf/pytorch_model.bin.index.json");
const index = (shards: string[]): string => JSON.stringify({ metadata: { total_size: 8 }, weight_map: Object.fromEntries(shards.map((s, i) => [`t${i}`, s])) });

ruleTester("torch-index-missing-shard", {
  valid: [
    {
      name: "the real Llama-2-7b-hf index with both of its shards present",
      files: { "pytorch_model.bin.index.json": llama2, "pytorch_model-00001-of-00002.bin": shard, "pytorch_model-00002-of-00002.bin": shard },
    },
    {
      name: "a safetensors index with missing shards is left to the safetensors rule",
      files: { "model.safetensors.index.json": index(["model-00001-of-00002.safetensors"]) },
    },
    {
      name: "a variant-named index in a subfolder naming shards beside it",
      files: { "text_encoder/pytorch_model.fp16.bin.index.json": index(["a.fp16.bin"]), "text_encoder/a.fp16.bin": shard },
    },
  ],
  invalid: [
    {
      name: "the real decapoda llama-7b-hf index without its 33 shards gives one finding for the index",
      files: { "pytorch_model.bin.index.json": decapoda, "config.json": '{"model_type":"llama"}' },
      expect: (f) => {
        expect(f.map((x) => x.message)).toEqual([
          'pytorch_model.bin.index.json: 33 shards named by the index are not in the repository ("pytorch_model-00001-of-00033.bin", "pytorch_model-00002-of-00033.bin", "pytorch_model-00003-of-00033.bin", … 30 more)',
        ]);
        expect(f[0]!.ruleId).toBe("MG-TCH-002");
        expect(f[0]!.evidence).toHaveLength(33);
      },
    },
    {
      name: "the real Llama-2-7b-hf index with one of its two shards uploaded",
      files: { "pytorch_model.bin.index.json": llama2, "pytorch_model-00001-of-00002.bin": shard },
      expect: (f) => expect(f.map((x) => x.message)).toEqual(['pytorch_model.bin.index.json: shard "pytorch_model-00002-of-00002.bin" named by the index is not in the repository']),
    },
    {
      name: "a variant-named index in a subfolder naming a shard that is missing",
      files: { "text_encoder/pytorch_model.fp16.bin.index.json": index(["a.fp16.bin"]), "text_encoder/b.fp16.bin": shard },
      expect: (f) => expect(f[0]?.message).toBe('text_encoder/pytorch_model.fp16.bin.index.json: shard "a.fp16.bin" named by the index is not in the repository'),
    },
    {
      name: "a shard name climbing out of the repository",
      files: { "pytorch_model.bin.index.json": index(["../../home/user/.ssh/id_rsa"]) },
      expect: (f) => expect(f[0]?.message).toMatch(/climbs out/),
    },
    {
      name: "an absolute shard name",
      files: { "pytorch_model.bin.index.json": index(["/etc/passwd"]) },
      expect: (f) => expect(f.map((x) => x.message)).toEqual(['pytorch_model.bin.index.json: shard "/etc/passwd" is an absolute path or climbs out of the repository with \'..\'']),
    },
  ],
});
