import type { ChecklistItemId, ChecklistStatus } from "../types/checklist.js";
import type { Severity } from "../types/finding.js";

/** The lock file format version this build writes and reads. A newer one is refused, never guessed at. */
export const LOCK_VERSION = 1;

export const DEFAULT_LOCK_FILE = "modelgate.lock.json";

/** One file of a locked revision: what `lock --check` compares with the Hub or the disk. */
export interface LockedFile {
  path: string;
  size: number;
  /** SHA-256 of the content (published by the Hub for LFS files, computed when downloaded). */
  sha256?: string;
  /** Git blob SHA-1 (of the content, or of the LFS pointer when `lfs` is true). */
  gitSha1?: string;
  /** True when the Hub stores the file through LFS: its git SHA-1 is the pointer's. */
  lfs: boolean;
}

export interface LockedVerdict {
  passed: boolean;
  failOn: Severity | "none";
  highest: Severity | null;
  counts: Record<Severity, number>;
  /** Findings a policy waiver suppressed, as `<rule id> <path>: <reason>`: what the approval relied on. */
  waived: string[];
}

export interface LockedModel {
  id: string;
  /** The revision the lock was asked for (branch, tag or commit). */
  revision: string;
  /** The commit that revision resolved to when the model was assessed. */
  commit: string;
  license: string[];
  gated: false | "auto" | "manual";
  private: boolean;
  verdict: LockedVerdict;
  checklist: Record<ChecklistItemId, ChecklistStatus>;
  files: LockedFile[];
  /** `sha256:<hex>` of this entry's canonical JSON without `digest`: a hand edit of any field shows. */
  digest: string;
}

export interface LockFile {
  lockVersion: number;
  tool: { name: "modelgate"; version: string };
  /** The offline advisory set the scans matched against. */
  advisories: { date: string; count: number };
  /** The policy file the gate used: its SHA-256, or null when none was given. */
  policy: { sha256: string } | null;
  failOn: Severity | "none";
  models: LockedModel[];
  /** `sha256:<hex>` of the canonical JSON of everything above: entries cannot be added, dropped or reordered by hand unnoticed. */
  integrity: string;
}
