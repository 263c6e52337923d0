import type { Check } from "../../types/check.js";
import { remoteCodeCrossRepo } from "./remote-code-cross-repo.js";
import { remoteCodeDangerousCall } from "./remote-code-dangerous-call.js";
import { remoteCodeMissingModule } from "./remote-code-missing-module.js";
import { remoteCodeModulePath } from "./remote-code-module-path.js";
import { remoteCodeRequired } from "./remote-code-required.js";

export const checks: readonly Check[] = [remoteCodeRequired, remoteCodeCrossRepo, remoteCodeMissingModule, remoteCodeDangerousCall, remoteCodeModulePath];
