import type { ChecklistItemId, ChecklistStatus } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";

/**
 * The `assessment` section of the report: the checklist restated in a third-party AI risk
 * assessment's terms (risk tier, Section D answers, scores, red flags, remediation plan). Built
 * from the same facts and findings as the rest of the report; present when the scan was run with
 * a tier (`--tier`, policy `tier:`) or asked for it (`assessment: true` in the scan parameters).
 */
export interface Assessment {
  /** The tier decision; null when no tier was chosen (the gate is then the default one). */
  tier: TierDecision | null;
  /** The assessment date (`--assessment-date`, or the date of `generatedAt`); null keeps reports reproducible and due dates relative. */
  date: string | null;
  scores: AssessmentScores;
  redFlags: RedFlag[];
  sectionD: SectionDAnswer[];
  remediation: RemediationAction[];
}

/** A piece of evidence: a sentence, and the repo file it is about when there is one. */
export interface AssessmentEvidence {
  text: string;
  path?: string;
}

export type TierLevel = 1 | 2 | 3;

/** How one checklist item fared under the tier. */
export interface TierItemOutcome {
  id: ChecklistItemId;
  number: number;
  title: string;
  status: ChecklistStatus;
  /** True when the tier accepts this status (directly, or because a reviewed waiver covers it). */
  accepted: boolean;
  /** Why, in one sentence. */
  reason: string;
  waiver?: { reviewer: string; reason: string };
}

/** One extra requirement of the tier (card present, revision pinned, files verified, ...). */
export interface TierRequirementOutcome {
  id: string;
  title: string;
  met: boolean;
  /** True when the requirement is not met but a reviewed waiver accepts that. */
  waived: boolean;
  reason: string;
  evidence: AssessmentEvidence[];
  waiver?: { reviewer: string; reason: string };
}

export interface TierDecision {
  level: TierLevel;
  name: string;
  description: string;
  /** The severity the gate failed on under this tier (an explicit --fail-on or policy failOn wins). */
  failOn: Severity | "none";
  /** True when every item and requirement is accepted (the finding gate is reported in `verdict`). */
  passed: boolean;
  items: TierItemOutcome[];
  requirements: TierRequirementOutcome[];
  /** Waivers the tier did not honour (a tier that needs a named reviewer ignores waivers without one). */
  ignoredWaivers: { rule?: string; item?: string; reason: string; why: string }[];
}

export type ScoreDimensionId = "model" | "data" | "governance" | "infrastructure";

export interface ScoreReason {
  /** Points taken off the starting 5 (0 for a statement that explains without deducting). */
  points: number;
  text: string;
  /** Checklist items, red flags or rule ids behind the reason. */
  items?: ChecklistItemId[];
  redFlags?: string[];
  ruleIds?: string[];
}

export interface DimensionScore {
  id: ScoreDimensionId;
  title: string;
  /** 1 (poor) to 5 (strong); null when the dimension is outside what a model scan can see. */
  score: number | null;
  label: string;
  /** Never empty: every score carries the reasons behind it. */
  reasons: ScoreReason[];
  items: ChecklistItemId[];
}

export interface AssessmentScores {
  dimensions: DimensionScore[];
  overall: { score: number; label: string; method: string; reasons: ScoreReason[] };
}

export interface RedFlag {
  id: string;
  title: string;
  /** What the evidence shows, for a person. */
  reason: string;
  evidence: AssessmentEvidence[];
}

export type SectionDStatus = "answered" | "partial" | "ask-vendor";

export interface SectionDAnswer {
  question: number;
  text: string;
  /** What the scan's evidence says; for questions it cannot answer, says so plainly. */
  answer: string;
  evidence: AssessmentEvidence[];
  status: SectionDStatus;
  /** The question to send the vendor for what the scan cannot see (absent when fully answered). */
  askVendor?: string;
}

export interface RemediationAction {
  /** The action's id in rules/remediation/actions.yaml (or `item-<checklist id>` for an item's fallback). */
  id: string;
  /** The action, with its placeholders filled. */
  text: string;
  /** Who does it: the policy's owner, or a placeholder to fill in. */
  owner: string;
  /** Due this many days after the assessment date; `date` only when the assessment date is known. */
  due: { days: number; date?: string };
  /** Checklist items this action resolves. */
  items: ChecklistItemId[];
  /** Tier requirements this action resolves. */
  requirements: string[];
  /** Rule ids of the findings behind it. */
  ruleIds: string[];
  evidence: AssessmentEvidence[];
}

declare module "../types/report.js" {
  interface ReportSections {
    assessment?: Assessment;
  }
}
