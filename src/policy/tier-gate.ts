import type { TierDecision, TierItemOutcome, TierRequirementOutcome } from "../assessment/types.js";
import type { Severity } from "../types/finding.js";
import type { Waiver } from "./policy.js";
import type { TierProfile } from "./tier-profile.js";
import { checkRequirement, type TierEvidence } from "./tier-requirements.js";

export interface TierGateParams {
  profile: TierProfile;
  evidence: TierEvidence;
  /** The policy's waivers (item waivers accept items or requirements when the tier allows it). */
  waivers: readonly Waiver[];
  /** Rule waivers the tier set aside before the gate ran. */
  ignoredWaivers: readonly Waiver[];
  failOn: Severity | "none";
  /** YYYY-MM-DD, for waiver expiry. */
  today: string;
}

function reviewedWaiver(params: TierGateParams, id: string): { reviewer: string; reason: string } | undefined {
  if (!params.profile.reviewedWaivers) return undefined;
  const w = params.waivers.find((x) => x.item === id && x.reviewer && (!x.expires || x.expires >= params.today));
  return w?.reviewer ? { reviewer: w.reviewer, reason: w.reason } : undefined;
}

/**
 * Decides whether the scan meets a risk tier: each checklist item's status must be one the tier
 * accepts and each of the tier's requirements must hold, unless (where the tier allows it) a
 * waiver with a named reviewer accepts it. Says why for every item and requirement.
 */
export function evaluateTier(params: TierGateParams): TierDecision {
  const { profile, evidence } = params;
  const items: TierItemOutcome[] = evidence.checklist.map((item) => {
    const accepts = profile.items[item.id];
    const base = { id: item.id, number: item.number, title: item.title, status: item.status };
    if (accepts.includes(item.status)) {
      return { ...base, accepted: true, reason: `${item.status}: Tier ${profile.level} accepts ${accepts.join(", ")}` };
    }
    const waiver = reviewedWaiver(params, item.id);
    if (waiver) return { ...base, accepted: true, reason: `${item.status}, accepted by a waiver reviewed by ${waiver.reviewer}: ${waiver.reason}`, waiver };
    const how = profile.reviewedWaivers ? " (a waiver with a named reviewer can accept it)" : "";
    return { ...base, accepted: false, reason: `${item.status}: Tier ${profile.level} accepts only ${accepts.join(", ")}${how}. ${item.summary}` };
  });
  const requirements: TierRequirementOutcome[] = profile.requirements.map((req) => {
    const r = checkRequirement(req, evidence);
    const out: TierRequirementOutcome = { id: req.id, title: req.title, met: r.met, waived: false, reason: r.reason, evidence: r.evidence };
    if (!r.met) {
      const waiver = reviewedWaiver(params, req.id);
      if (waiver) {
        out.waived = true;
        out.waiver = waiver;
        out.reason = `${r.reason}; accepted by a waiver reviewed by ${waiver.reviewer}: ${waiver.reason}`;
      }
    }
    return out;
  });
  return {
    level: profile.level,
    name: profile.name,
    description: profile.description,
    failOn: params.failOn,
    passed: items.every((i) => i.accepted) && requirements.every((r) => r.met || r.waived),
    items,
    requirements,
    ignoredWaivers: params.ignoredWaivers.map((w) => ({ ...(w.rule ? { rule: w.rule } : {}), ...(w.item ? { item: w.item } : {}), reason: w.reason, why: `Tier ${profile.level} honours only waivers that name a reviewer` })),
  };
}
