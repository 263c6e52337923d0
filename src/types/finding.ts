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

/** An advisory a version finding names: what an assessor pastes into a report. */
export interface AdvisoryReference {
  /** The OSV record id (GHSA-…, PYSEC-…, CVE-…). */
  id: string;
  /** Its other ids (CVE, GHSA, PYSEC). */
  aliases: string[];
  /** The versions it affects, as ranges: `<4.36.0`, `>=2.0, <2.2.1 or >=2.3, <2.3.1`. */
  affected: string;
  /** The versions that fix it, lowest first (one per release line); empty when none does. */
  fixed: string[];
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
  /** Version findings (MG-ADV-*): the advisories they are about. */
  advisories?: AdvisoryReference[];
  /** Set by the policy when a waiver matches. */
  suppressed?: { reason: string; reviewer?: string };
}
