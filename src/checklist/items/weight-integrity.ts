import type { FactOf } from "../../types/fact.js";
import { refToString } from "../../types/artifact.js";
import type { VerificationState } from "../../types/report.js";
import { evaluateByFindings, findingEvidence } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";
import "../../inspectors/signing/facts.js";

const STATE_WORDS: Record<VerificationState, string> = {
  verified: "verified",
  mismatch: "differ from the published hash",
  unverifiable: "without a published hash",
  "not-verified": "not downloaded",
  unreadable: "unreadable",
};
const ORDER: readonly VerificationState[] = ["verified", "mismatch", "unverifiable", "not-verified", "unreadable"];

/** Item 7: every file's hash against the published one. Unverifiable files never count as verified. */
const byPublishedHashes: ItemEvaluator = (ctx) => {
  const digests = ctx.facts.filter((f): f is FactOf<"integrity.digest"> => f.kind === "integrity.digest" && !f.artifact?.parent);
  const byFindings = evaluateByFindings(ctx);
  const count = (state: VerificationState): number => digests.filter((d) => d.data.state === state).length;
  const verified = count("verified");
  // Only the states that occur, so the summary reads "5 verified" rather than a row of zeros.
  const tally = ORDER.filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${STATE_WORDS[s]}`)
    .join(", ");
  // Lead with what the hashes say ("1 differ from the published hash"), then the finding count.
  if (byFindings.status === "fail") return digests.length > 0 ? { ...byFindings, summary: `${tally} of ${digests.length} file(s); ${byFindings.summary}` } : byFindings;
  if (digests.length === 0) {
    if (ctx.metadataOnly) return { status: "not-checked", summary: "not verified: --metadata-only downloads no file content", evidence: [] };
    return { status: "not-checked", summary: "no file was hashed", evidence: [] };
  }
  if (verified === 0 && ctx.metadataOnly) return { status: "not-checked", summary: "not verified: --metadata-only downloads no file content", evidence: [{ text: tally }] };
  const open = digests.filter((d) => d.data.state !== "verified");
  if (open.length > 0) {
    const listed = new Set(open.map((d) => (d.artifact ? refToString(d.artifact) : "")));
    const evidence = open.slice(0, 50).map((d) => ({ text: `${d.artifact ? refToString(d.artifact) : "?"}: ${d.data.state}${d.data.note ? ` (${d.data.note})` : ""}` }));
    // A finding about a file already listed above (MG-INT-002 "no published hash") would repeat it.
    const others = ctx.findings.filter((f) => !f.artifact || !listed.has(refToString(f.artifact)));
    return {
      status: "review",
      summary: `${tally} of ${digests.length} file(s); ${ctx.meta.reviewGuidance}`,
      evidence: [...evidence, ...others.map(findingEvidence)],
    };
  }
  // Everything verified, but a low finding on this item still asks for a person.
  if (byFindings.status === "review") return { ...byFindings, evidence: [{ text: tally }, ...byFindings.evidence] };
  return { status: "pass", summary: `all ${verified} file(s) match their published hashes`, evidence: [{ text: tally }] };
};

/**
 * Item 7 with the model signature: a verified signature is evidence ("signed by ..."), and files
 * with no published hash (a local folder) count as verified when the signed manifest, checked with
 * a trusted key or identity, lists them with the same SHA-256 (any difference is an MG-SIG-002
 * finding, which fails the item).
 */
export const weightIntegrity: ItemEvaluator = (ctx) => {
  const result = byPublishedHashes(ctx);
  const signature = ctx.facts.find((f): f is FactOf<"signing.signature"> => f.kind === "signing.signature" && f.data.state === "verified");
  if (!signature) return result;
  const signed = { text: `signed by ${signature.data.signer ?? "?"} (${signature.data.source}, ${signature.data.manifestFiles ?? 0} files in the signed manifest)`, ...(signature.artifact ? { artifact: signature.artifact } : {}) };
  const differences = ctx.facts.some((f) => f.kind === "signing.manifest-difference");
  const digests = ctx.facts.filter((f): f is FactOf<"integrity.digest"> => f.kind === "integrity.digest" && !f.artifact?.parent);
  const onlyUnpublished = digests.every((d) => d.data.state === "verified" || d.data.state === "unverifiable");
  const blocking = ctx.findings.some((f) => f.severity !== "info" && f.ruleId !== "MG-INT-002");
  if (result.status === "review" && !differences && onlyUnpublished && !blocking && !signature.data.notCompared?.length) {
    // The bundle file itself is not in the manifest it carries: count only the files it signs.
    const bundleRef = signature.artifact ? refToString(signature.artifact) : undefined;
    const signedFiles = digests.filter((d) => !d.artifact || refToString(d.artifact) !== bundleRef).length;
    return { status: "pass", summary: `all ${signedFiles} signed file(s) match the signed manifest; signed by ${signature.data.signer ?? "?"}`, evidence: [signed] };
  }
  return { ...result, evidence: [signed, ...result.evidence] };
};
