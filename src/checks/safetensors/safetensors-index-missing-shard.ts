import { defineCheck } from "../../types/check.js";
import "../../inspectors/safetensors/facts.js";
import { reportMissingShards } from "./report-missing-shards.js";

export const safetensorsIndexMissingShard = defineCheck({
  name: "safetensors-index-missing-shard",
  consumes: ["safetensors.index"],
  check(f, ctx) {
    if (f.data.format === "safetensors") reportMissingShards(f, ctx);
  },
});
