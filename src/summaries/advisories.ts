import type { Fact, FactOf } from "../types/fact.js";
import "../inspectors/dependencies/facts.js";
import type { ReportSummary } from "./summary.js";

export interface AdvisoryEntry {
  id: string;
  aliases: string[];
  package: string;
  /** The pinned version, or the specifier that allows only affected versions. */
  version: string;
  sourceFile: string;
  line: number;
  severity: "critical" | "high" | "medium" | "low";
  summary: string;
  /** The versions the advisory affects, as ranges (`<4.36.0`). */
  affected: string;
  /** The versions that fix it, lowest first; empty when none does. */
  fixed: string[];
}

declare module "../types/report.js" {
  interface ReportSections {
    advisories?: AdvisoryEntry[];
    /** The offline advisory set the scan used (rules/_lists/advisories.json, or a policy extension). */
    advisorySet?: { date: string; count: number; source: string };
  }
}

export function buildAdvisories(facts: readonly Fact[]): AdvisoryEntry[] {
  return facts
    .filter((f): f is FactOf<"dependencies.advisory-match"> => f.kind === "dependencies.advisory-match")
    .map((f) => ({
      id: f.data.advisoryId,
      aliases: f.data.aliases,
      package: f.data.package,
      version: f.data.version,
      sourceFile: f.data.sourceFile,
      line: f.data.line,
      severity: f.data.severity ?? "medium",
      summary: f.data.summary,
      affected: f.data.reference.affected,
      fixed: f.data.reference.fixed,
    }))
    .sort((a, b) => a.sourceFile.localeCompare(b.sourceFile) || a.line - b.line || a.id.localeCompare(b.id));
}

/** Builds the `advisories` and `advisorySet` sections of the report. */
export const summaries: readonly ReportSummary[] = [
  {
    name: "advisories",
    build: (facts) => {
      const set = facts.find((f): f is FactOf<"dependencies.advisory-set"> => f.kind === "dependencies.advisory-set");
      return { advisories: buildAdvisories(facts), ...(set ? { advisorySet: { date: set.data.date, count: set.data.count, source: set.data.source } } : {}) };
    },
  },
];
