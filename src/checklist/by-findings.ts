import type { Evidence, Finding } from "../types/finding.js";
import { refToString } from "../types/artifact.js";
import type { ItemContext, ItemResult } from "./item-context.js";

const FAILING = new Set(["critical", "high", "medium"]);

export function findingEvidence(f: Finding): Evidence {
  const e: Evidence = { text: `${f.ruleId} ${f.ruleName}: ${f.message}` };
  if (f.artifact) e.artifact = f.artifact;
  if (f.region) e.region = f.region;
  return e;
}

/** `coveredBy` entries are fact kinds, or prefixes ending in `.*` (`pickle.*`). */
export function coveredBy(patterns: readonly string[], kind: string): boolean {
  return patterns.some((p) => (p.endsWith(".*") ? kind.startsWith(p.slice(0, -1)) : p === kind));
}

/**
 * The default rule for an item: a critical/high/medium finding fails it, a low one asks for human
 * review, and with no finding it passes only if something actually checked it (a `coveredBy` fact).
 */
export function evaluateByFindings(ctx: ItemContext, passEvidence: Evidence[] = []): ItemResult {
  const failing = ctx.findings.filter((f) => FAILING.has(f.severity));
  if (failing.length > 0) {
    return { status: "fail", summary: `${failing.length} finding(s) at medium severity or above`, evidence: failing.map(findingEvidence) };
  }
  const review = ctx.findings.filter((f) => f.severity === "low");
  if (review.length > 0) {
    return { status: "review", summary: `${review.length} finding(s) need a person's judgement`, evidence: review.map(findingEvidence) };
  }
  const covering = ctx.facts.filter((f) => coveredBy(ctx.meta.coveredBy, f.kind));
  if (covering.length === 0) {
    return { status: "not-checked", summary: "no check for this item ran on this target", evidence: [] };
  }
  const paths = [...new Set(covering.flatMap((f) => (f.artifact ? [refToString(f.artifact)] : [])))];
  const evidence = passEvidence.length > 0 ? passEvidence : [{ text: `checked ${paths.length > 0 ? paths.length + " file(s)" : "the target"}; no finding` }];
  return { status: "pass", summary: "checked; no finding", evidence };
}
