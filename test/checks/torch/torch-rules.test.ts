import { readFileSync } from "node:fs";
import { ruleTester } from "../../helpers/rule-tester.js";
import { buildZip } from "../../builders/zip-builder.js";

const fixture = (p: string): Uint8Array => readFileSync(new URL(`../../../fixtures/${p}`, import.meta.url));
const PICKLE = "\x80\x02}q\x00.";

ruleTester("torch-unexpected-pickle", {
  valid: [
    { name: "a torch.save checkpoint", files: { "pytorch_model.bin": fixture("torch/linear-zip.pt") } },
    { name: "a TorchScript archive with constants.pkl and debug_pkl members", files: { "model.pt": fixture("torch/linear-script.pt") } },
  ],
  invalid: [
    { name: "a pickle under archive/config.json (CVE-2025-1889)", files: { "pytorch_model.bin": buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE }, { name: "archive/config.json", data: "(dp0\nS'a'\np1\nI1\ns." }] }) } },
    { name: "a pickle in a storage member", files: { "pytorch_model.bin": buildZip({ members: [{ name: "archive/data.pkl", data: PICKLE }, { name: "archive/data/3", data: "\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R." }] }) } },
  ],
});
