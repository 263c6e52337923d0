import type { Finding, Severity } from "../types/finding.js";

export type RepoKind = "model" | "dataset";

/** Where a reference (or a dynamic value) sits: repo-relative path with `/`, 1-based line. */
export interface DiscoverLocation {
  path: string;
  line: number;
  /** The source line, trimmed and shortened, with credentials masked. */
  snippet: string;
}

/** One Hub repo at one requested revision, with every place the codebase names it. */
export interface DiscoverReference {
  id: string;
  kind: RepoKind;
  /** The revision the code asks for (branch, tag or commit), or null when it asks for none (main). */
  revision: string | null;
  /** True only for a full 40-hex commit SHA: the one revision whose bytes cannot change. */
  pinned: boolean;
  locations: DiscoverLocation[];
}

/** A file that was not read, or not read to the end, and why. */
export interface DiscoverSkip {
  path: string;
  reason: string;
}

export interface DiscoverVerdict {
  failOn: Severity | "none";
  passed: boolean;
  counts: Record<Severity, number>;
}

/**
 * `modelgate discover`'s result. `references` and `dynamic` are the stable contract that
 * `lock --discover` and `scan --inventory` consume; the rest is for people and code scanning.
 */
export interface DiscoverReport {
  schemaVersion: "1.0";
  tool: { name: "modelgate"; version: string };
  references: DiscoverReference[];
  /** Calls and keys that name a model through a value not known statically (f-strings, variables, `$VAR`). */
  dynamic: DiscoverLocation[];
  findings: Finding[];
  verdict: DiscoverVerdict;
  stats: { filesRead: number; filesSkipped: number };
  notChecked: DiscoverSkip[];
}

/** What an extractor found on one line of one file, before grouping. */
export type Hit = (
  | { type: "reference"; id: string; kind: RepoKind; revision: string | null; line: number }
  | { type: "dynamic"; line: number }
) & {
  /** The text to quote when the file's own line is not readable code (a notebook's JSON line). */
  snippet?: string;
};
