import { diffRevisions } from "../diff/diff-revisions.js";
import { diffSummary } from "../diff/render-diff.js";
import type { MoveExplanation } from "./check-lock.js";
import type { HubParams } from "./hub-state.js";
import type { LockedModel } from "./lock-file.js";

/** Explains a moved revision with the same comparison `modelgate diff` makes (metadata and changed files only, no scan). */
export function explainMoveWith(hub: HubParams): (model: LockedModel, currentId: string, head: string) => Promise<MoveExplanation> {
  return async (model, currentId, head) => {
    const d = await diffRevisions({ ...hub, repoId: currentId, revA: model.commit, revB: head });
    return { summary: diffSummary(d), findings: d.findings, details: d };
  };
}
