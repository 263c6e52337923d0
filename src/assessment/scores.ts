import { severityRank, type Finding } from "../types/finding.js";
import type { ScanReport } from "../types/report.js";
import type { ScoringDimension, ScoringRules } from "./assessment-rules.js";
import type { AssessmentScores, DimensionScore, RedFlag, ScoreReason } from "./types.js";

const MAX = 5;
const MIN = 1;

function scoreDimension(dim: ScoringDimension, report: ScanReport, redFlags: readonly RedFlag[], flagDimension: ReadonlyMap<string, string>, rules: ScoringRules): DimensionScore {
  const label = (n: number): string => rules.scale[n] ?? String(n);
  if (!dim.scored) {
    return { id: dim.id, title: dim.title, score: null, label: "not assessed", reasons: [{ points: 0, text: dim.outOfScope ?? "outside what a model scan can see" }], items: dim.items };
  }
  const reasons: ScoreReason[] = [];
  const items = report.checklist.filter((i) => dim.items.includes(i.id));
  for (const item of items) {
    const points = rules.statusPoints[item.status] ?? 0;
    if (points > 0) reasons.push({ points, text: `item ${item.number} ${item.title} is ${item.status}: ${item.summary}`, items: [item.id] });
  }
  for (const flag of redFlags) {
    if (flagDimension.get(flag.id) !== dim.id || rules.redFlagPoints <= 0) continue;
    reasons.push({ points: rules.redFlagPoints, text: `red flag: ${flag.title}`, redFlags: [flag.id] });
  }
  let score = Math.max(MIN, MAX - reasons.reduce((n, r) => n + r.points, 0));
  const itemOf = new Map(report.rules.map((r) => [r.id, r.checklist]));
  const findings = report.findings.filter((f) => !f.suppressed && dim.items.some((id) => itemOf.get(f.ruleId) === id));
  for (const cap of [...rules.caps].sort((a, b) => a.max - b.max)) {
    const hits: Finding[] = findings.filter((f) => severityRank(f.severity) >= severityRank(cap.severity));
    if (hits.length === 0) continue;
    const ruleIds = [...new Set(hits.map((f) => f.ruleId))].sort();
    // Listed even when the score is already that low: the finding is still a reason for it.
    reasons.push({ points: Math.max(0, score - cap.max), text: `${hits.length} finding(s) at ${cap.severity} severity or above cap the score at ${cap.max}: ${ruleIds.join(", ")}`, ruleIds });
    score = Math.min(score, cap.max);
  }
  if (reasons.length === 0) {
    reasons.push({ points: 0, text: `every item passes with nothing against it: ${items.map((i) => `item ${i.number} ${i.status}`).join(", ")}`, items: items.map((i) => i.id) });
  }
  return { id: dim.id, title: dim.title, score, label: label(score), reasons, items: dim.items };
}

/**
 * Scores each dimension 1-5 from the checklist statuses, red flags and capping findings, as the
 * scoring rules (rules/assessment/scoring.yaml) say; every score lists the reasons behind it.
 */
export function buildScores(report: ScanReport, redFlags: readonly RedFlag[], flagDimension: ReadonlyMap<string, string>, rules: ScoringRules): AssessmentScores {
  const dimensions = rules.dimensions.map((d) => scoreDimension(d, report, redFlags, flagDimension, rules));
  const scored = dimensions.filter((d): d is DimensionScore & { score: number } => d.score !== null);
  const list = scored.map((d) => `${d.title} ${d.score}`).join(", ");
  let score: number;
  let text: string;
  if (rules.overall === "lowest") {
    score = Math.min(...scored.map((d) => d.score), MAX);
    text = `the weakest scored dimension (${list})`;
  } else {
    score = Math.max(MIN, Math.floor(scored.reduce((n, d) => n + d.score, 0) / Math.max(1, scored.length)));
    text = `the mean of the scored dimensions, rounded down (${list})`;
  }
  const skipped = dimensions.filter((d) => d.score === null).map((d) => d.title);
  const reasons: ScoreReason[] = [{ points: 0, text }];
  if (skipped.length > 0) reasons.push({ points: 0, text: `not scored: ${skipped.join(", ")} (outside what a model scan can see)` });
  return { dimensions, overall: { score, label: rules.scale[score] ?? String(score), method: rules.overall, reasons } };
}
