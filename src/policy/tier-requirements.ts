import type { AssessmentEvidence } from "../assessment/types.js";
import type { CardSummary } from "../summaries/card.js";
import type { RemoteCodeSection } from "../summaries/remote-code.js";
import { refToString } from "../types/artifact.js";
import type { ChecklistItem } from "../types/checklist.js";
import { severityRank, type Finding } from "../types/finding.js";
import type { FileEntry, IncompleteEntry } from "../types/report.js";
import type { ScanTarget } from "../types/source.js";
import type { TierRequirement } from "./tier-profile.js";

/** What the tier gate looks at: the report's own evidence, after the policy was applied. */
export interface TierEvidence {
  checklist: readonly ChecklistItem[];
  findings: readonly Finding[];
  card?: CardSummary | undefined;
  remoteCode?: RemoteCodeSection | undefined;
  target: ScanTarget;
  files: readonly FileEntry[];
  incomplete: readonly IncompleteEntry[];
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

function filesVerified(ev: TierEvidence): RequirementResult {
  const unverified = ev.files.filter((f) => f.verification !== "verified");
  if (ev.files.length === 0) return { met: false, reason: "no file was scanned", evidence: [] };
  if (unverified.length === 0) return { met: true, reason: `all ${ev.files.length} file(s) match the published hashes`, evidence: [] };
  const states = new Map<string, number>();
  for (const f of unverified) states.set(f.verification, (states.get(f.verification) ?? 0) + 1);
  const summary = [...states.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${n} ${s}`).join(", ");
  return {
    met: false,
    reason: `${unverified.length} of ${ev.files.length} file(s) not verified (${summary})`,
    evidence: unverified.slice(0, MAX_EVIDENCE).map((f) => ({ text: `${f.verification}${f.note ? `: ${f.note}` : ""}`, path: f.path })),
  };
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
    case "no-remote-code": {
      const rc = ev.remoteCode;
      if (!rc?.required) return { met: true, reason: "no config makes the loader run repository code", evidence: [] };
      return { met: false, reason: `loading runs ${rc.references.length} custom module(s) (trust_remote_code=True)`, evidence: rc.references.slice(0, MAX_EVIDENCE).map((r) => ({ text: `${r.module} via ${r.via}${r.repo ? ` from ${r.repo}` : ""}`, path: r.file })) };
    }
  }
}
