import type { FactOf } from "../../types/fact.js";
import { refToString } from "../../types/artifact.js";
import { evaluateByFindings, findingEvidence } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

/** Item 7: every file's hash against the published one. Unverifiable files never count as verified. */
export const weightIntegrity: ItemEvaluator = (ctx) => {
  const digests = ctx.facts.filter((f): f is FactOf<"integrity.digest"> => f.kind === "integrity.digest" && !f.artifact?.parent);
  const count = (state: string): number => digests.filter((d) => d.data.state === state).length;
  const byFindings = evaluateByFindings(ctx);
  if (byFindings.status === "fail") return byFindings;
  const verified = count("verified");
  const unverifiable = count("unverifiable");
  const notVerified = count("not-verified");
  const unreadable = count("unreadable");
  const tally = `${verified} verified, ${unverifiable} without a published hash, ${notVerified} not downloaded, ${unreadable} unreadable`;
  if (digests.length === 0 || verified === 0) {
    if (ctx.metadataOnly) return { status: "not-checked", summary: "not verified: --metadata-only downloads no file content", evidence: [{ text: tally }] };
    if (digests.length === 0) return { status: "not-checked", summary: "no file was hashed", evidence: [] };
  }
  const open = digests.filter((d) => d.data.state !== "verified");
  if (open.length > 0) {
    const evidence = open.slice(0, 50).map((d) => ({ text: `${d.artifact ? refToString(d.artifact) : "?"}: ${d.data.state}${d.data.note ? ` (${d.data.note})` : ""}` }));
    return {
      status: "review",
      summary: `${tally}; files that are not verified need a published hash (${ctx.meta.reviewGuidance})`,
      evidence: [...evidence, ...ctx.findings.map(findingEvidence)],
    };
  }
  return { status: "pass", summary: `all ${verified} file(s) match their published hashes`, evidence: [{ text: tally }] };
};
