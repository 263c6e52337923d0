import { defineCheck } from "../../types/check.js";
import "../../inspectors/safetensors/facts.js";
import { reportMissingShards } from "../safetensors/report-missing-shards.js";

/** `pytorch_model.bin.index.json`: the safetensors index rule's logic, under a torch rule id. */
export const torchIndexMissingShard = defineCheck({
  name: "torch-index-missing-shard",
  consumes: ["safetensors.index"],
  check(f, ctx) {
    if (f.data.format === "pytorch") reportMissingShards(f, ctx);
  },
});
