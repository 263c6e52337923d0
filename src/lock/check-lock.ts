import { loadRules } from "../catalog/load-rules.js";
import { checks as lockChecks } from "../checks/lock/index.js";
import { runChecks } from "../engine/run-checks.js";
import { errorMessage } from "../errors.js";
import { sortFindings } from "../report/sort.js";
import type { RuleMeta } from "../catalog/rule.js";
import type { RevisionDiff } from "../diff/diff-revisions.js";
import { fact, type Fact } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import { VERSION } from "../version.js";
import type { CodeLocation } from "./facts.js";
import { observeHub, type HubObservation, type HubParams } from "./hub-state.js";
import { jsonLines, lineOf } from "./json-lines.js";
import type { LockedModel, LockFile } from "./lock-file.js";
import { compareLocal, firstExisting, localCandidates, type LocalDifference } from "./local-state.js";
import { parseLockFile, readLockText } from "./read-lock.js";
import "./facts.js";

/** A model reference found in code (the `references` of `modelgate discover`). */
export interface CodeReference {
  id: string;
  kind?: "model" | "dataset";
  revision: string | null;
  locations: { path: string; line: number; snippet?: string }[];
}

/** How a moved model is explained: a summary line, and findings about what changed. */
export interface MoveExplanation {
  summary: string;
  findings: Finding[];
  /** The full comparison, for the JSON report; null when it could not be made. */
  details: RevisionDiff | null;
}

export interface CheckLockParams {
  lockFile: string;
  /** Models the code references; each must be covered by the lock. */
  references?: CodeReference[];
  /** Offline: compare the bytes in this folder (`<dir>/<owner>/<name>`, an HF cache layout, or the model itself when the lock holds one). */
  localDir?: string;
  /** Offline: compare the HF cache snapshots of the locked commits. */
  cacheDir?: string;
  hub?: HubParams;
  /** Explains a moved revision (what changed between the locked commit and the new head). */
  explainMove?: (model: LockedModel, currentId: string, head: string) => Promise<MoveExplanation>;
}

export type ModelCheckState = "unchanged" | "drifted" | "error";

export interface ModelCheck {
  id: string;
  revision: string;
  commit: string;
  /** Line of the model's entry in the lock file. */
  line: number;
  state: ModelCheckState;
  /** The Hub's answers that differ from the lock (hub mode). */
  observations: HubObservation[];
  currentId?: string;
  head?: string;
  /** Local files that differ (local mode). */
  local?: { dir: string | null; differences: LocalDifference[] };
  moved?: { summary: string; details: RevisionDiff | null };
  error?: string;
}

export interface LockCheckReport {
  schemaVersion: "1.0";
  tool: { name: "modelgate"; version: string };
  lockFile: string;
  mode: "hub" | "local";
  lock: { lockVersion: number; toolVersion: string; advisories: LockFile["advisories"]; policy: LockFile["policy"]; failOn: LockFile["failOn"] };
  models: ModelCheck[];
  /** Model references found in code that the lock does not cover. */
  notAssessed: { id: string; revision: string | null; locations: CodeLocation[] }[];
  findings: Finding[];
  /** Rules the findings come from (SARIF descriptors). */
  rules: RuleMeta[];
  /** Models that could not be checked: the run ends with exit 2 whatever else it found. */
  errors: { id: string; message: string }[];
  drifted: boolean;
}

function notAssessedFacts(lock: LockFile, refs: readonly CodeReference[], lockFile: string): { facts: Fact[]; list: LockCheckReport["notAssessed"] } {
  const facts: Fact[] = [];
  const list: LockCheckReport["notAssessed"] = [];
  for (const ref of refs) {
    if ((ref.kind ?? "model") !== "model") continue;
    const entries = lock.models.filter((m) => m.id === ref.id);
    const covered = entries.some((m) => ref.revision === null ? m.revision === "main" : m.revision === ref.revision || m.commit === ref.revision.toLowerCase());
    if (covered) continue;
    list.push({ id: ref.id, revision: ref.revision, locations: ref.locations });
    for (const location of ref.locations) {
      facts.push(fact("lock.not-assessed", { id: ref.id, revision: ref.revision, lockedRevisions: entries.map((m) => m.revision), lockFile, location }));
    }
  }
  return { facts, list };
}

async function checkOnHub(model: LockedModel, check: ModelCheck, location: CodeLocation, params: CheckLockParams, facts: Fact[], findings: Finding[]): Promise<void> {
  if (!params.hub) return;
  const state = await observeHub(model, params.hub);
  check.observations = state.observations;
  if (state.currentId !== model.id) check.currentId = state.currentId;
  if (state.head) check.head = state.head;
  let summary: string | undefined;
  const moved = state.observations.find((o) => o.state === "moved");
  if (moved && moved.state === "moved" && params.explainMove) {
    let why: MoveExplanation;
    try {
      why = await params.explainMove(model, state.currentId, moved.to);
    } catch (e) {
      // The move itself is established; failing to list what changed must not hide it.
      why = { summary: `the changes could not be listed: ${errorMessage(e)}`, findings: [], details: null };
    }
    summary = why.summary;
    check.moved = { summary: why.summary, details: why.details };
    // What changed is located at the lock entry too: that is the line a reviewer must update.
    for (const f of why.findings) findings.push({ ...f, artifact: { path: location.path }, region: { startLine: location.line }, evidence: [{ text: `${model.id} ${model.commit.slice(0, 12)} → ${moved.to.slice(0, 12)}: ${f.artifact?.path ?? "repository"}` }, ...f.evidence] });
  }
  for (const o of state.observations) {
    facts.push(fact("lock.hub-drift", { id: model.id, revision: model.revision, commit: model.commit, observation: o, location, ...(o.state === "moved" && summary ? { summary } : {}) }));
  }
}

async function checkLocally(model: LockedModel, check: ModelCheck, location: CodeLocation, params: CheckLockParams, single: boolean, facts: Fact[]): Promise<void> {
  const where = { ...(params.localDir ? { dir: params.localDir } : {}), ...(params.cacheDir ? { cacheDir: params.cacheDir } : {}) };
  const candidates = localCandidates(model, where, single);
  const dir = firstExisting(candidates);
  const base = { id: model.id, commit: model.commit, location };
  if (!dir) {
    check.local = { dir: null, differences: [] };
    facts.push(fact("lock.local-drift", { ...base, dir: candidates.join(" or "), state: "no-folder" }));
    return;
  }
  const differences = await compareLocal(model, dir);
  check.local = { dir, differences };
  for (const d of differences) facts.push(fact("lock.local-drift", { ...base, dir, state: d.state, file: d.file, ...(d.expected ? { expected: d.expected } : {}), ...(d.actual ? { actual: d.actual } : {}) }));
}

/**
 * `lock --check`: reads and verifies the lock, then for every locked model asks the Hub (metadata
 * only) or hashes the local copy, and checks that every model the code references is locked.
 * Drift becomes findings of the MG-LCK rules; a model that could not be checked is listed in
 * `errors` (never reported as unchanged).
 */
export async function checkLock(params: CheckLockParams): Promise<LockCheckReport> {
  const text = readLockText(params.lockFile);
  const lock = parseLockFile(text, params.lockFile);
  const lines = jsonLines(text);
  const mode: LockCheckReport["mode"] = params.localDir || params.cacheDir ? "local" : "hub";
  const facts: Fact[] = [];
  const extraFindings: Finding[] = [];
  const na = notAssessedFacts(lock, params.references ?? [], params.lockFile);
  facts.push(...na.facts);
  const models: ModelCheck[] = [];
  const errors: LockCheckReport["errors"] = [];
  for (const [i, model] of lock.models.entries()) {
    const line = lineOf(lines, `/models/${i}`);
    const location: CodeLocation = { path: params.lockFile, line };
    const check: ModelCheck = { id: model.id, revision: model.revision, commit: model.commit, line, state: "unchanged", observations: [] };
    const before = facts.length + extraFindings.length;
    try {
      if (mode === "local") await checkLocally(model, check, location, params, lock.models.length === 1, facts);
      else await checkOnHub(model, check, location, params, facts, extraFindings);
      if (facts.length + extraFindings.length > before) check.state = "drifted";
    } catch (e) {
      check.state = "error";
      check.error = errorMessage(e);
      errors.push({ id: model.id, message: errorMessage(e) });
    }
    models.push(check);
  }
  const rules = loadRules();
  const checked = runChecks({ checks: lockChecks, rules, facts, files: [], target: { kind: "local-file", input: params.lockFile }, list: () => undefined });
  const findings = sortFindings([...checked.findings, ...extraFindings]);
  const used = new Set(findings.map((f) => f.ruleId));
  return {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: VERSION },
    lockFile: params.lockFile,
    mode,
    lock: { lockVersion: lock.lockVersion, toolVersion: lock.tool.version, advisories: lock.advisories, policy: lock.policy, failOn: lock.failOn },
    models,
    notAssessed: na.list,
    findings,
    rules: rules.filter((r) => used.has(r.id)),
    errors,
    drifted: findings.length > 0,
  };
}

/** 0 nothing drifted; 1 drift; 2 some model could not be checked (precedence 2 > 1 > 0). */
export function lockCheckExitCode(report: LockCheckReport): 0 | 1 | 2 {
  if (report.errors.length > 0) return 2;
  return report.drifted ? 1 : 0;
}
