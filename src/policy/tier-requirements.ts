import type { AssessmentEvidence } from "../assessment/types.js";
import type { CardSummary } from "../summaries/card.js";
import type { RemoteCodeSection } from "../summaries/remote-code.js";
import { refToString } from "../types/artifact.js";
import type { ChecklistItem } from "../types/checklist.js";
import { severityRank, type Finding } from "../types/finding.js";
import type { FileEntry, IncompleteEntry } from "../types/report.js";
import type { ScanTarget } from "../types/source.js";
import type { ManifestDifference, SignatureOutcome } from "../inspectors/signing/facts.js";
import type { TierRequirement } from "./tier-profile.js";

/** The model signature as far as a tier needs it. */
export interface SignatureEvidence {
  /** A signer was named (--signature-key, --signer-identity) or the policy sets requireSignature. */
  configured: boolean;
  /** The verification outcome; absent when the model has no signature. */
  outcome?: SignatureOutcome;
  differences: readonly ManifestDifference[];
}

/** What the tier gate looks at: the report's own evidence, after the policy was applied. */
export interface TierEvidence {
  checklist: readonly ChecklistItem[];
  findings: readonly Finding[];
  card?: CardSummary | undefined;
  remoteCode?: RemoteCodeSection | undefined;
  target: ScanTarget;
  files: readonly FileEntry[];
  incomplete: readonly IncompleteEntry[];
  signature?: SignatureEvidence;
}

export interface RequirementResult {
  met: boolean;
  reason: string;
  evidence: AssessmentEvidence[];
}

/** Evidence lists name at most this many files; the JSON files[] has the rest. */
const MAX_EVIDENCE = 10;

const COMMIT = /^[0-9a-f]{40}$/i;

function findingEvidence(f: Finding): AssessmentEvidence {
  return { text: `${f.ruleId} ${f.ruleName}: ${f.message}`, ...(f.artifact ? { path: refToString(f.artifact) } : {}) };
}

function byFindings(req: TierRequirement, ev: TierEvidence): RequirementResult {
  if (req.requiresCard && !ev.card?.present) return { met: false, reason: "there is no model card to declare it", evidence: [] };
  const names = new Set(req.rules);
  const hits = ev.findings.filter((f) => !f.suppressed && names.has(f.ruleName) && severityRank(f.severity) >= severityRank(req.minSeverity));
  if (hits.length === 0) return { met: true, reason: `no unwaived finding of ${req.rules.length} rule(s) checked`, evidence: [] };
  return { met: false, reason: `${hits.length} unwaived finding(s): ${[...new Set(hits.map((f) => f.ruleName))].join(", ")}`, evidence: hits.slice(0, MAX_EVIDENCE).map(findingEvidence) };
}

function revisionPinned(ev: TierEvidence): RequirementResult {
  const t = ev.target;
  if (t.kind === "hub") {
    if (t.revision && t.commitSha && t.revision.toLowerCase() === t.commitSha.toLowerCase()) return { met: true, reason: `the scan names commit ${t.commitSha}`, evidence: [{ text: `revision ${t.commitSha}` }] };
    return {
      met: false,
      reason: `revision "${t.revision ?? "main"}" is a branch or tag that can move; it resolved to ${t.commitSha ?? "an unknown commit"} for this scan`,
      evidence: [{ text: `asked for ${t.revision ?? "main"}, resolved to ${t.commitSha ?? "?"}` }],
    };
  }
  if (t.kind === "hf-cache" && t.commitSha) return { met: true, reason: `the cache snapshot is commit ${t.commitSha}`, evidence: [{ text: `snapshot ${t.commitSha}` }] };
  if (t.against) {
    if (COMMIT.test(t.against.revision)) return { met: true, reason: `compared with ${t.against.repoId} at commit ${t.against.revision}`, evidence: [{ text: `--against ${t.against.repoId}@${t.against.revision}` }] };
    return { met: false, reason: `compared with ${t.against.repoId}@${t.against.revision}, a branch or tag; it resolved to ${t.against.commitSha ?? "an unknown commit"}`, evidence: [] };
  }
  return { met: false, reason: "a local folder names no revision; nothing ties these files to a commit", evidence: [] };
}

/**
 * Files with no published hash (a local folder) that a verified model signature vouches for: as in
 * checklist item 7, a file counts when the signed manifest, checked against the named signer, has it
 * with the same SHA-256 (any difference, or a file not compared, leaves it unverified).
 */
function signedPaths(ev: TierEvidence, files: readonly FileEntry[]): Set<string> {
  const sig = ev.signature;
  if (sig?.outcome?.state !== "verified") return new Set();
  const open = new Set([...sig.differences.map((d) => d.path), ...(sig.outcome.notCompared ?? [])]);
  return new Set(files.filter((f) => f.verification === "unverifiable" && !open.has(f.path)).map((f) => f.path));
}

function filesVerified(ev: TierEvidence): RequirementResult {
  const bySignature = signedPaths(ev, ev.files);
  const unverified = ev.files.filter((f) => f.verification !== "verified" && !bySignature.has(f.path));
  if (ev.files.length === 0) return { met: false, reason: "no file was scanned", evidence: [] };
  if (unverified.length === 0) {
    if (bySignature.size === 0) return { met: true, reason: `all ${ev.files.length} file(s) match the published hashes`, evidence: [] };
    const published = ev.files.length - bySignature.size;
    return { met: true, reason: `all ${ev.files.length} file(s) verified: ${published} against published hashes, ${bySignature.size} against the signed manifest of ${ev.signature?.outcome?.signer ?? "?"}`, evidence: [] };
  }
  const states = new Map<string, number>();
  for (const f of unverified) states.set(f.verification, (states.get(f.verification) ?? 0) + 1);
  const summary = [...states.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${n} ${s}`).join(", ");
  return {
    met: false,
    reason: `${unverified.length} of ${ev.files.length} file(s) not verified (${summary})`,
    evidence: unverified.slice(0, MAX_EVIDENCE).map((f) => ({ text: `${f.verification}${f.note ? `: ${f.note}` : ""}`, path: f.path })),
  };
}

const DIFFERENCE_WORDS: Record<ManifestDifference["kind"], string> = {
  "missing-from-manifest": "not in the signed manifest",
  "not-in-repo": "signed, but not in the repository",
  "hash-differs": "differs from the signed hash",
};

/**
 * Signed by the named publisher, every file as signed. Only once a signer is named (or the policy
 * requires a signature): most published models carry no signature, and a tier that failed them all
 * would be switched off rather than used.
 */
function signedWhenConfigured(ev: TierEvidence): RequirementResult {
  const sig = ev.signature;
  const outcome = sig?.outcome;
  if (!sig?.configured) {
    const seen = outcome ? `; ${outcome.source} is present but its signer was not checked` : "";
    return { met: true, reason: `not required: no signer named (--signature-key, --signer-identity) and the policy does not set requireSignature${seen}`, evidence: [] };
  }
  if (!outcome) return { met: false, reason: "the model has no signature (model.sig or --signature)", evidence: [] };
  const where = { path: outcome.source };
  if (outcome.state === "not-verified") return { met: false, reason: `${outcome.source} was read, but no key or identity was given to check who signed it`, evidence: [{ text: outcome.source, ...where }] };
  if (outcome.state !== "verified") return { met: false, reason: `${outcome.source} is not accepted: ${outcome.reason ?? outcome.state}`, evidence: [{ text: outcome.reason ?? outcome.state, ...where }] };
  const signed = { text: `signed by ${outcome.signer ?? "?"}`, ...where };
  if (sig.differences.length > 0) {
    return {
      met: false,
      reason: `signed by ${outcome.signer ?? "?"}, but ${sig.differences.length} file(s) do not match the signed manifest`,
      evidence: [signed, ...sig.differences.slice(0, MAX_EVIDENCE).map((d) => ({ text: DIFFERENCE_WORDS[d.kind], path: d.path }))],
    };
  }
  const open = outcome.notCompared ?? [];
  if (open.length > 0) return { met: false, reason: `signed by ${outcome.signer ?? "?"}, but ${open.length} file(s) could not be compared with the signed manifest`, evidence: [signed, ...open.slice(0, MAX_EVIDENCE).map((p) => ({ text: "not compared (content not read)", path: p }))] };
  return { met: true, reason: `signed by ${outcome.signer ?? "?"}; all ${outcome.manifestFiles ?? 0} signed file(s) match`, evidence: [signed] };
}

/** Decides one tier requirement from the report's evidence. */
export function checkRequirement(req: TierRequirement, ev: TierEvidence): RequirementResult {
  switch (req.kind) {
    case "findings":
      return byFindings(req, ev);
    case "card-present":
      return ev.card?.present ? { met: true, reason: "the repository has a model card", evidence: [{ text: "README.md", path: "README.md" }] } : { met: false, reason: "the repository has no model card (README.md)", evidence: [] };
    case "card-section": {
      if (!ev.card?.present) return { met: false, reason: "there is no model card", evidence: [] };
      const key = req.section ?? "";
      const has = (ev.card.sections as unknown as Record<string, boolean | undefined>)[key];
      return has ? { met: true, reason: `the card documents ${key}`, evidence: [] } : { met: false, reason: `the card has no real content about ${key}`, evidence: [] };
    }
    case "revision-pinned":
      return revisionPinned(ev);
    case "files-verified":
      return filesVerified(ev);
    case "scan-complete":
      return ev.incomplete.length === 0
        ? { met: true, reason: "every file was fetched, read and fully inspected", evidence: [] }
        : { met: false, reason: `${ev.incomplete.length} thing(s) could not be checked`, evidence: ev.incomplete.slice(0, MAX_EVIDENCE).map((i) => ({ text: i.reason, ...(i.path ? { path: i.path } : {}) })) };
    case "signed-when-configured":
      return signedWhenConfigured(ev);
    case "no-remote-code": {
      const rc = ev.remoteCode;
      if (!rc?.required) return { met: true, reason: "no config makes the loader run repository code", evidence: [] };
      return { met: false, reason: `loading runs ${rc.references.length} custom module(s) (trust_remote_code=True)`, evidence: rc.references.slice(0, MAX_EVIDENCE).map((r) => ({ text: `${r.module} via ${r.via}${r.repo ? ` from ${r.repo}` : ""}`, path: r.file })) };
    }
  }
}
