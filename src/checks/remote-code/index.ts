import type { Check } from "../../types/check.js";
import { remoteCodeCrossRepo } from "./remote-code-cross-repo.js";
import { remoteCodeDangerousCall } from "./remote-code-dangerous-call.js";
import { remoteCodeMissingModule } from "./remote-code-missing-module.js";
import { remoteCodeRequired } from "./remote-code-required.js";

export const checks: readonly Check[] = [remoteCodeRequired, remoteCodeCrossRepo, remoteCodeMissingModule, remoteCodeDangerousCall];
