import type { ArtifactRef } from "./artifact.js";
import type { Fact, FactKind, FactOf } from "./fact.js";
import type { AdvisoryReference, Evidence, Severity } from "./finding.js";
import type { Region } from "./region.js";
import type { ScanTarget, RepoFile } from "./source.js";

export interface ReportInput {
  /** Rule name (defaults to the check's own name). */
  rule?: string;
  /** Which entry of the rule's `messages` to format (default "default"). */
  messageId?: string;
  /** Placeholder values for the message. */
  data?: Record<string, string | number | boolean>;
  artifact?: ArtifactRef;
  region?: Region;
  evidence?: Evidence[];
  /** The advisories a version finding is about (JSON `advisories`, SARIF `properties.advisories`). */
  advisories?: AdvisoryReference[];
  /** Overrides the rule's default severity (e.g. an advisory's own severity). */
  severity?: Severity;
  /** Distinguishes two findings of one rule on one artifact (e.g. the global name). */
  key?: string;
}

export interface CheckContext {
  report(input: ReportInput): void;
  /** Every fact of the scan, for checks that must look across files in `finish`. */
  readonly facts: readonly Fact[];
  readonly files: readonly RepoFile[];
  readonly target: ScanTarget;
  list(name: string): unknown;
}

/**
 * Turns facts into findings. Pure: no I/O. `check` runs once per consumed fact; `finish` once at
 * the end. Declared with method syntax so a Check<"a"> fits in a Check<FactKind>[] registry.
 */
export interface Check<K extends FactKind = FactKind> {
  /** The rule name this check reports, matching `rules/<family>/<name>.yaml`. */
  name: string;
  /** Other rule names this check may report under (`ReportInput.rule`). */
  alsoReports?: readonly string[];
  consumes: readonly K[];
  check?(fact: FactOf<K>, ctx: CheckContext): void;
  finish?(ctx: CheckContext): void;
}

export function defineCheck<K extends FactKind>(c: Check<K>): Check {
  return c as unknown as Check;
}
