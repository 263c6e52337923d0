import pLimit, { type LimitFunction } from "p-limit";
import { loadChecklist, loadList, loadRules } from "./catalog/load-rules.js";
import type { RuleMeta } from "./catalog/rule.js";
import { evaluateChecklist } from "./checklist/evaluate.js";
import { checks as allChecks } from "./checks/index.js";
import { inspectArtifact } from "./engine/inspect-artifact.js";
import { runChecks } from "./engine/run-checks.js";
import { errorMessage } from "./errors.js";
import { inspectors as allInspectors, repoInspectors as allRepoInspectors } from "./inspectors/index.js";
import { redactDeep } from "./inspectors/secrets/redact.js";
import { parseSecretPatterns } from "./inspectors/secrets/secret-patterns.js";
import { digestSource, GIT_SHA1_MAX_UNPUBLISHED_BYTES } from "./integrity/digest.js";
import { sharedHashPool } from "./integrity/hash-pool.js";
import { verifyDigest } from "./integrity/verify.js";
import { EMPTY_POLICY, mergeList, type Policy } from "./policy/policy.js";
import { applyPolicy, gate } from "./policy/gate.js";
import { buildFileEntries } from "./report/file-entries.js";
import { collectIncomplete } from "./report/incomplete.js";
import { sortFindings } from "./report/sort.js";
import { resolveSource } from "./sources/resolve.js";
import type { SourceParams } from "./sources/source-params.js";
import { summaries as allSummaries } from "./summaries/index.js";
import { refToString } from "./types/artifact.js";
import { fact, type Fact } from "./types/fact.js";
import type { Severity } from "./types/finding.js";
import type { InspectContext } from "./types/inspector.js";
import { ScanInflationBudget } from "./io/inflation-budget.js";
import { SMALL_FILE_BYTES } from "./io/small-file-byte-source.js";
import type { ScanReport } from "./types/report.js";
import type { SourcedArtifact } from "./types/source.js";
import { VERSION } from "./version.js";
import { loadAssessmentRules } from "./assessment/assessment-rules.js";
import { buildAssessment } from "./assessment/build-assessment.js";
import type { TierDecision, TierLevel } from "./assessment/types.js";
import { ConfigError } from "./errors.js";
import { isIsoDate } from "./assessment/iso-date.js";
import { evaluateTier } from "./policy/tier-gate.js";
import { loadTierProfile } from "./policy/tier-profile.js";
import { signatureEvidence } from "./policy/signature-evidence.js";
import type { SigningParams } from "./signing/signing-params.js";

export interface ScanParams extends SourceParams {
  /** Lowest severity that fails the gate (default "high"). */
  failOn?: Severity | "none";
  allowIncomplete?: boolean;
  policy?: Policy;
  /** Artifacts inspected at once (default 4). */
  concurrency?: number;
  /** Include `generatedAt` (off by default so reports are reproducible). */
  timestamp?: boolean;
  /** Risk tier (rules/tiers/tier-N.yaml); beats the policy's `tier`. Adds the `assessment` section. */
  tier?: TierLevel;
  /** Add the `assessment` section even without a tier. */
  assessment?: boolean;
  /** YYYY-MM-DD the remediation due dates count from; else the date of `generatedAt` (--timestamp), else due dates stay relative. */
  assessmentDate?: string;
  /** Artifact inspections in flight across every target of a many-target run (replaces `concurrency`). */
  inspections?: LimitFunction;
  /** Model signature verification: key or identity, a bundle outside the repo. */
  signing?: SigningParams;
}



function wantsGitSha1(a: SourcedArtifact): boolean {
  if (a.published?.gitSha1 && !a.published.lfs) return true;
  return !a.published && a.source.size <= GIT_SHA1_MAX_UNPUBLISHED_BYTES;
}

async function integrityFact(a: SourcedArtifact, metadataOnly: boolean, signal?: AbortSignal): Promise<Fact> {
  if (a.unreadable) return fact("integrity.digest", { state: "unreadable", note: a.unreadable, ...(a.published ? { expected: a.published } : {}) }, a.ref);
  if (!a.digest && metadataOnly && a.origin === "hub") {
    return fact("integrity.digest", { state: "not-verified", note: "--metadata-only: content not downloaded", ...(a.published ? { expected: a.published } : {}) }, a.ref);
  }
  try {
    const opts = { gitSha1: wantsGitSha1(a), ...(signal ? { signal } : {}) };
    // Large local files hash on the worker pool so several use several cores at once; a small one
    // hashes from its source, which holds the bytes the inspectors read next.
    const digest = a.digest ?? (a.localPath && a.source.size > SMALL_FILE_BYTES ? await sharedHashPool().digestFile(a.localPath, { ...opts, size: a.source.size }) : await digestSource(a.source, opts));
    return fact("integrity.digest", verifyDigest(digest, a.published), a.ref);
  } catch (e) {
    return fact("integrity.digest", { state: "unreadable", note: errorMessage(e) }, a.ref);
  }
}

/**
 * Scans one target end to end: source → artifacts → inspectors → facts → checks → findings →
 * policy → checklist → verdict. Throws ConfigError/SourceError for problems with the target as a
 * whole; everything that goes wrong with one file becomes a finding.
 */
export async function scan(params: ScanParams): Promise<ScanReport> {
  const policy = params.policy ?? EMPTY_POLICY;
  const rules = loadRules();
  const items = loadChecklist();
  const lists = new Map<string, unknown>();
  const list = (name: string): unknown => {
    if (!lists.has(name)) lists.set(name, mergeList(loadList(name), policy.lists[name]));
    return lists.get(name);
  };
  const metadataOnly = params.metadataOnly ?? false;
  if (params.assessmentDate !== undefined && !isIsoDate(params.assessmentDate)) throw new ConfigError(`assessment date "${params.assessmentDate}" must be a date (YYYY-MM-DD)`);
  const tierLevel = params.tier ?? policy.tier;
  const profile = tierLevel ? loadTierProfile(tierLevel) : undefined;
  const assessmentRules = profile || params.assessment ? loadAssessmentRules() : undefined;

  const source = await resolveSource(params);
  // The policy can require a signature; the CLI's key/identity/bundle say how to verify it.
  const signing: SigningParams = { ...params.signing, ...(policy.requireSignature ? { required: true } : {}) };
  const ctx: InspectContext = { target: source.target, files: source.files, list, signing, scanInflation: new ScanInflationBudget(), ...(source.hub ? { hub: source.hub } : {}), ...(params.signal ? { signal: params.signal } : {}) };

  const perArtifact: { path: string; facts: Fact[] }[] = [];
  const limit = params.inspections ?? pLimit(Math.max(1, params.concurrency ?? 4));
  const tasks: Promise<void>[] = [];
  for await (const artifact of source.artifacts()) {
    tasks.push(
      limit(async () => {
        // The file hashes (on the pool for a large one) while the inspectors read it: a large
        // pickle is walked on this thread while another core hashes it.
        const inspected: Fact[] = [];
        const inspecting = artifact.unreadable
          ? Promise.resolve(inspected.push(fact("scan.unreadable", { message: artifact.unreadable }, artifact.ref)))
          : (async () => {
              for await (const f of inspectArtifact(artifact, 0, allInspectors, ctx)) inspected.push(f);
            })();
        const [digest] = await Promise.all([integrityFact(artifact, metadataOnly, params.signal), inspecting]);
        const facts: Fact[] = [digest, ...inspected];
        await artifact.close?.();
        perArtifact.push({ path: refToString(artifact.ref), facts });
      }),
    );
  }
  await Promise.all(tasks);
  perArtifact.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const facts: Fact[] = [...source.facts, ...perArtifact.flatMap((p) => p.facts)];
  for (const ri of allRepoInspectors) {
    try {
      for await (const f of ri.inspectRepo(facts, ctx)) facts.push(f);
    } catch (e) {
      facts.push(fact("scan.inspector-failed", { inspector: ri.name, message: errorMessage(e) }));
    }
  }

  const disabled = new Set(Object.entries(policy.rules).flatMap(([k, v]) => (v === "off" ? [k] : [])));
  const enabledRules: RuleMeta[] = rules.filter((r) => !disabled.has(r.id) && !disabled.has(r.name));
  const checked = runChecks({ checks: allChecks, rules, facts, files: source.files, target: source.target, list, disabled });
  for (const failure of checked.failures) facts.push(fact("scan.inspector-failed", { inspector: `check ${failure.check}`, message: failure.message }));
  const today = new Date().toISOString().slice(0, 10);
  // A tier that needs a named reviewer sets aside rule waivers that name none: those findings count.
  const ignoredWaivers = profile?.waiversNeedReviewer ? policy.waivers.filter((w) => w.rule && !w.reviewer) : [];
  const gatePolicy = ignoredWaivers.length > 0 ? { ...policy, waivers: policy.waivers.filter((w) => !ignoredWaivers.includes(w)) } : policy;
  const findings = sortFindings(applyPolicy(checked.findings, gatePolicy, today));
  const incomplete = collectIncomplete(facts);
  const checklist = evaluateChecklist({ items, rules: enabledRules, facts, findings, target: source.target, metadataOnly });
  const failOn = params.failOn ?? policy.failOn ?? profile?.failOn ?? "high";
  const verdict = gate({ findings, incomplete, failOn, allowIncomplete: params.allowIncomplete ?? false });
  const sections = Object.assign({}, ...allSummaries.map((s) => s.build(facts, findings, { list }))) as ScanReport["sections"];
  const files = buildFileEntries(source.files, facts, source.bytesTransferred());
  let tier: TierDecision | null = null;
  if (profile) {
    const evidence = { checklist, findings, card: sections.card, remoteCode: sections.remoteCode, target: source.target, files, incomplete, signature: signatureEvidence(facts, signing) };
    tier = evaluateTier({ profile, evidence, waivers: policy.waivers, ignoredWaivers, failOn, today });
    verdict.tier = { level: tier.level, passed: tier.passed };
    verdict.passed = verdict.passed && tier.passed;
  }
  const sourceInfo = facts.find((f) => f.kind === "source.model");

  const report: ScanReport = {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: VERSION },
    target: source.target,
    options: { metadataOnly },
    files,
    checklist,
    findings,
    incomplete,
    rules: enabledRules,
    sections,
    verdict,
  };
  if (sourceInfo?.kind === "source.model") report.source = sourceInfo.data;
  if (params.timestamp) report.generatedAt = new Date().toISOString();
  if (assessmentRules) {
    const date = params.assessmentDate ?? report.generatedAt?.slice(0, 10) ?? null;
    report.sections.assessment = buildAssessment({ report, facts, tier, date, rules: assessmentRules, policy, list });
  }
  // A credential any inspector quoted (a Python line, template prose, a card line) is masked in every output.
  redactDeep(report, parseSecretPatterns(list("secret-patterns")));
  return report;
}
