import type { ChecklistItemId, ChecklistStatus } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";
import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";
import { VERSION } from "../version.js";
import { digestOf } from "./canonical-json.js";
import { LOCK_VERSION, type LockedFile, type LockedModel, type LockFile } from "./lock-file.js";

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** License as the card writes it, else from the Hub's `license:` tags. */
function licenseOf(report: ScanReport): string[] {
  const card = report.sections.card?.license ?? [];
  if (card.length > 0) return [...card].sort(byText);
  return (report.source?.tags ?? []).flatMap((t) => (t.startsWith("license:") ? [t.slice(8)] : [])).sort(byText);
}

function filesOf(report: ScanReport): LockedFile[] {
  return report.files
    .map((f) => {
      const out: LockedFile = { path: f.path, size: f.size, lfs: f.expected?.lfs ?? false };
      // The published hashes are what the Hub will answer later; computed ones stand in where none were published.
      const sha256 = f.expected?.sha256 ?? f.sha256;
      const gitSha1 = f.expected?.gitSha1 ?? (f.gitSha1 || undefined);
      if (sha256) out.sha256 = sha256.toLowerCase();
      if (gitSha1) out.gitSha1 = gitSha1.toLowerCase();
      return out;
    })
    .sort((a, b) => byText(a.path, b.path));
}

/** One scanned Hub model as a lock entry, digest included. */
export function lockedModel(report: ScanReport): LockedModel {
  const t = report.target;
  if (t.kind !== "hub" || !t.repoId || !t.commitSha) throw new Error(`lockedModel: ${t.input} is not a Hub scan`);
  const v = report.verdict;
  const entry: Omit<LockedModel, "digest"> = {
    id: t.repoId,
    revision: t.revision ?? t.commitSha,
    commit: t.commitSha,
    license: licenseOf(report),
    gated: report.source?.gated ?? false,
    private: report.source?.private ?? false,
    verdict: {
      passed: v.passed,
      failOn: v.failOn,
      highest: v.highest ?? null,
      counts: { ...v.counts } as Record<Severity, number>,
      waived: report.findings
        .filter((f) => f.suppressed)
        .map((f) => `${f.ruleId} ${f.artifact ? refToString(f.artifact) : "(repository)"}: ${f.suppressed?.reason ?? ""}`)
        .sort(byText),
    },
    checklist: Object.fromEntries(report.checklist.map((i) => [i.id, i.status])) as Record<ChecklistItemId, ChecklistStatus>,
    files: filesOf(report),
  };
  return { ...entry, digest: digestOf(entry as unknown as Record<string, unknown>, "digest") };
}

export interface BuildLockParams {
  models: LockedModel[];
  advisories: { date: string; count: number };
  policySha256?: string;
  failOn: Severity | "none";
}

/** The lock file, entries sorted by id then revision, with its integrity digest. Deterministic: no dates. */
export function buildLock(params: BuildLockParams): LockFile {
  const models = [...params.models].sort((a, b) => byText(a.id, b.id) || byText(a.revision, b.revision));
  const body: Omit<LockFile, "integrity"> = {
    lockVersion: LOCK_VERSION,
    tool: { name: "modelgate", version: VERSION },
    advisories: params.advisories,
    policy: params.policySha256 ? { sha256: params.policySha256 } : null,
    failOn: params.failOn,
    models,
  };
  return { ...body, integrity: digestOf(body as unknown as Record<string, unknown>, "integrity") };
}

/** The text written to disk: two-space JSON, keys in a fixed order, trailing newline (diff-friendly in a PR). */
export function renderLock(lock: LockFile): string {
  return JSON.stringify(lock, null, 2) + "\n";
}
