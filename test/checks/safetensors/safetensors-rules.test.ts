import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { ruleTester } from "../../helpers/rule-tester.js";
import { buildSafetensors, safetensorsFromHeader } from "../../builders/safetensors.js";

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../fixtures/safetensors/${name}`, import.meta.url));
const valid = buildSafetensors({ w: { dtype: "F32", shape: [2, 2] }, b: { dtype: "F16", shape: [2] } }, { format: "pt" });

ruleTester("safetensors-invalid-header", {
  valid: [
    { name: "a file written like the reference writer", files: { "model.safetensors": fixture("valid.safetensors") } },
    { name: "a hand-built file with metadata", files: { "model.safetensors": valid } },
  ],
  invalid: [
    {
      name: "a header length running past the end of the file",
      files: { "model.safetensors": safetensorsFromHeader('{"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}', new Uint8Array(1), 4096n) },
      expect: (f) => expect(f[0]?.message).toMatch(/header-beyond-file/),
    },
    {
      name: "a header length above the reference loader's 100 MB bound",
      files: { "model.safetensors": safetensorsFromHeader("{}", new Uint8Array(0), 200_000_000n) },
      expect: (f) => expect(f[0]?.region).toEqual({ byteOffset: 0, byteLength: 8 }),
    },
    {
      name: "a shape that does not match its byte span",
      files: { "model.safetensors": safetensorsFromHeader('{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', new Uint8Array(8)) },
      expect: (f) => expect(f[0]?.message).toMatch(/needs 12 bytes but data_offsets span 8/),
    },
    {
      name: "a pickle glued after the last tensor",
      files: { "model.safetensors": fixture("trailing-pickle.safetensors") },
      expect: (f) => expect(f[0]?.message).toMatch(/trailing-bytes/),
    },
    {
      name: "malformed JSON",
      files: { "model.safetensors": safetensorsFromHeader('{"w":{"dtype":"U8",}}') },
      expect: (f) => expect(f[0]?.message).toMatch(/invalid-json/),
    },
  ],
});

ruleTester("safetensors-ambiguous-header", {
  valid: [{ name: "a header where every key appears once", files: { "model.safetensors": fixture("valid.safetensors") } }],
  invalid: [
    {
      name: "a header naming one tensor twice",
      files: { "model.safetensors": fixture("duplicate-key.safetensors") },
      expect: (f) => expect(f[0]?.message).toMatch(/embed\.weight/),
    },
  ],
});

const index = (shards: string[]): string => JSON.stringify({ metadata: { total_size: 8 }, weight_map: Object.fromEntries(shards.map((s, i) => [`t${i}`, s])) });

ruleTester("safetensors-index-missing-shard", {
  valid: [
    {
      name: "an index whose shards are all present",
      files: { "model.safetensors.index.json": index(["model-00001-of-00001.safetensors"]), "model-00001-of-00001.safetensors": valid },
    },
    {
      name: "an index in a subfolder naming shards beside it",
      files: { "unet/diffusion_pytorch_model.safetensors.index.json": index(["a.safetensors"]), "unet/a.safetensors": valid },
    },
  ],
  invalid: [
    {
      name: "an index naming a shard that was never uploaded",
      files: { "model.safetensors.index.json": index(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"]), "model-00001-of-00002.safetensors": valid },
      expect: (f) => expect(f.map((x) => x.message)).toEqual(['model.safetensors.index.json: shard "model-00002-of-00002.safetensors" named by the index is not in the repository']),
    },
    {
      name: "an index whose shards are all missing gives one finding naming the first ones",
      files: { "model.safetensors.index.json": index(["m-1-of-5.safetensors", "m-2-of-5.safetensors", "m-3-of-5.safetensors", "m-4-of-5.safetensors", "m-5-of-5.safetensors"]) },
      expect: (f) => {
        expect(f.map((x) => x.message)).toEqual(['model.safetensors.index.json: 5 shards named by the index are not in the repository ("m-1-of-5.safetensors", "m-2-of-5.safetensors", "m-3-of-5.safetensors", … 2 more)']);
        expect(f[0]!.evidence).toHaveLength(5);
      },
    },
    {
      name: "an index naming a shard outside the repository",
      files: { "model.safetensors.index.json": index(["../../etc/passwd"]) },
      expect: (f) => expect(f[0]?.message).toMatch(/climbs out/),
    },
  ],
});
