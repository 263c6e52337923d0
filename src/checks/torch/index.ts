import type { Check } from "../../types/check.js";
import { torchIndexMissingShard } from "./torch-index-missing-shard.js";
import { torchUnexpectedPickle } from "./torch-unexpected-pickle.js";

export const checks: readonly Check[] = [torchIndexMissingShard, torchUnexpectedPickle];
