import type { Check } from "../../types/check.js";
import { pickleDangerousCall } from "./pickle-dangerous-call.js";
import { pickleDangerousGlobal } from "./pickle-dangerous-global.js";
import { pickleExtCode } from "./pickle-ext-code.js";
import { pickleFrameViolation } from "./pickle-frame-violation.js";
import { pickleInWeightsFile } from "./pickle-in-weights-file.js";
import { pickleMalformedAfterCall } from "./pickle-malformed-after-call.js";
import { pickleUnknownGlobal } from "./pickle-unknown-global.js";

export const checks: readonly Check[] = [
  pickleDangerousGlobal,
  pickleUnknownGlobal,
  pickleDangerousCall,
  pickleExtCode,
  pickleMalformedAfterCall,
  pickleInWeightsFile,
  pickleFrameViolation,
];
