import type { AssessmentInput } from "./assessment-input.js";
import { buildRedFlags } from "./red-flags.js";
import { buildRemediation } from "./remediation.js";
import { buildScores } from "./scores.js";
import { buildSectionD } from "./section-d.js";
import type { Assessment } from "./types.js";

/** The `assessment` section: tier decision, scores, red flags, Section D answers, remediation plan. */
export function buildAssessment(input: AssessmentInput): Assessment {
  const redFlags = buildRedFlags(input);
  const flagDimension = new Map(input.rules.redFlags.map((r) => [r.id, r.scoreDimension]));
  return {
    tier: input.tier,
    date: input.date,
    scores: buildScores(input.report, redFlags, flagDimension, input.rules.scoring),
    redFlags,
    sectionD: buildSectionD(input, input.rules.sectionD),
    remediation: buildRemediation(input),
  };
}
