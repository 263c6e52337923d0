import type { Check } from "../../types/check.js";
import { diffCardChanged } from "./diff-card-changed.js";
import { diffChatTemplateChanged } from "./diff-chat-template-changed.js";
import { diffFormatChanged } from "./diff-format-changed.js";
import { diffRemoteCodeChanged } from "./diff-remote-code-changed.js";

/** What changed between two revisions; these consume only `diff.*` facts, which `modelgate diff` and `lock --check` produce. */
export const checks: readonly Check[] = [diffFormatChanged, diffRemoteCodeChanged, diffChatTemplateChanged, diffCardChanged];
