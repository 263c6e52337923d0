import type { Check, CheckContext, ReportInput } from "../../types/check.js";
import { defineCheck } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import type { HubObservation } from "../../lock/hub-state.js";
import "../../lock/facts.js";

type Drift = FactOf<"lock.hub-drift">;

/**
 * A check for one kind of Hub drift: `report` gets the observation when its state is one of
 * `states`, and adds the message data; location and key are the lock file line of the entry.
 */
export function hubDriftCheck(name: string, states: readonly HubObservation["state"][], input: (f: Drift) => Partial<ReportInput>): Check {
  return defineCheck({
    name,
    consumes: ["lock.hub-drift"],
    check(f: Drift, ctx: CheckContext) {
      if (!states.includes(f.data.observation.state)) return;
      const { id, revision, commit, location } = f.data;
      const extra = input(f);
      ctx.report({
        artifact: { path: location.path },
        region: { startLine: location.line },
        key: `${id}@${revision}:${f.data.observation.state}`,
        ...extra,
        data: { id, revision, commit, ...(extra.data ?? {}) },
      });
    },
  });
}
