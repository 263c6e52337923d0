import type { ChecklistItem } from "./checklist.js";
import type { Finding, Severity } from "./finding.js";
import type { Format } from "./format.js";
import type { PublishedHashes } from "./artifact.js";
import type { ScanTarget } from "./source.js";
import type { RuleMeta } from "../catalog/rule.js";

export type VerificationState =
  /** Every published hash and the size matched. */
  | "verified"
  /** A published hash or the size differs. */
  | "mismatch"
  /** Nothing was published to compare with (local folder without --against, untracked file). */
  | "unverifiable"
  /** Not read (--metadata-only, or a file the scan skipped). */
  | "not-verified"
  /** Could not be read or fetched. */
  | "unreadable";

export interface FileEntry {
  path: string;
  size: number;
  format?: Format;
  sha256?: string;
  gitSha1?: string;
  expected?: PublishedHashes;
  verification: VerificationState;
  /** Why the verification state is what it is, for a person. */
  note?: string;
  /** Bytes fetched over the network for this file. */
  bytesTransferred?: number;
  /** Archive members of this file that were inspected, as `file!/member` paths. */
  members?: { path: string; format?: Format; size: number }[];
  hubSecurityStatus?: string;
}

export interface IncompleteEntry {
  path?: string;
  reason: string;
}

export interface Verdict {
  failOn: Severity | "none";
  /** True when no unsuppressed finding is at or above `failOn`. */
  passed: boolean;
  /** True when some artifact could not be fetched, read or fully inspected. */
  incomplete: boolean;
  allowIncomplete: boolean;
  counts: Record<Severity, number>;
  highest?: Severity;
  /**
   * Present when the scan ran under a risk tier: whether the tier's items and requirements were
   * met. `passed` above is then false when either the findings or the tier fail.
   */
  tier?: { level: 1 | 2 | 3; passed: boolean };
}

/** The Hub metadata behind checklist item 1. */
export interface ModelSourceInfo {
  hubUrl?: string;
  repoId?: string;
  owner?: string;
  revision?: string;
  commitSha?: string;
  gated?: false | "auto" | "manual";
  private?: boolean;
  disabled?: boolean;
  createdAt?: string;
  lastModified?: string;
  libraryName?: string;
  pipelineTag?: string;
  tags?: string[];
  /** The Hub's own scanners: repo-level summary. */
  hubSecurity?: { scansDone?: boolean; filesWithIssues: { path: string; level: string }[] };
}

/**
 * Report sections contributed by later stages (card, lineage, remote code, ...). Each summary module
 * adds its key by declaration merging so the JSON contract is typed without a central edit.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ReportSections {}

export interface ScanReport {
  schemaVersion: "1.0";
  tool: { name: "modelgate"; version: string };
  target: ScanTarget;
  /** ISO timestamp; omitted unless asked for, so reports are byte-for-byte reproducible. */
  generatedAt?: string;
  source?: ModelSourceInfo;
  options: { metadataOnly: boolean };
  files: FileEntry[];
  checklist: ChecklistItem[];
  findings: Finding[];
  incomplete: IncompleteEntry[];
  /** Every enabled rule, for reporters (SARIF descriptors, docs). */
  rules: RuleMeta[];
  sections: ReportSections;
  verdict: Verdict;
}
