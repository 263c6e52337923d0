import type { Check } from "../../types/check.js";
import { lockAccessChanged } from "./lock-access-changed.js";
import { lockFilesDiffer } from "./lock-files-differ.js";
import { lockHistoryRewritten } from "./lock-history-rewritten.js";
import { lockLocalBytesDiffer } from "./lock-local-bytes-differ.js";
import { lockNotAssessed } from "./lock-not-assessed.js";
import { lockRepoDeleted } from "./lock-repo-deleted.js";
import { lockRepoRenamed } from "./lock-repo-renamed.js";
import { lockRevisionMoved } from "./lock-revision-moved.js";

/** Drift between a lock file and the Hub, the disk or the code; these consume only `lock.*` facts, which `lock --check` produces. */
export const checks: readonly Check[] = [lockNotAssessed, lockRevisionMoved, lockHistoryRewritten, lockRepoDeleted, lockAccessChanged, lockRepoRenamed, lockFilesDiffer, lockLocalBytesDiffer];
