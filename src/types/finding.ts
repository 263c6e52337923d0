import type { ArtifactRef } from "./artifact.js";
import type { Region } from "./region.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

export interface Evidence {
  /** What the evidence says, for a person. */
  text: string;
  artifact?: ArtifactRef;
  region?: Region;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  artifact?: ArtifactRef;
  region?: Region;
  evidence: Evidence[];
  /** Stable across runs: rule + artifact path + discriminating detail. */
  fingerprint: string;
  /** Set by the policy when a waiver matches. */
  suppressed?: { reason: string; reviewer?: string };
}
