import type { ScanReport } from "../types/report.js";
import { refToString } from "../types/artifact.js";

/**
 * The JSON report: the ScanReport with artifact refs flattened to `file!/member` strings and the
 * report sections (card, lineage, ...) at top level. Schema documented in the README.
 */
export function toJsonObject(report: ScanReport): Record<string, unknown> {
  const { rules, sections, ...rest } = report;
  return {
    ...rest,
    findings: report.findings.map(({ artifact, evidence, ...f }) => ({
      ...f,
      ...(artifact ? { path: refToString(artifact) } : {}),
      evidence: evidence.map(({ artifact: a, ...e }) => ({ ...e, ...(a ? { path: refToString(a) } : {}) })),
    })),
    checklist: report.checklist.map((item) => ({
      ...item,
      evidence: item.evidence.map(({ artifact: a, ...e }) => ({ ...e, ...(a ? { path: refToString(a) } : {}) })),
    })),
    ...sections,
    rules: rules.map((r) => ({ id: r.id, name: r.name, severity: r.severity, checklist: r.checklist, summary: r.summary })),
  };
}

export function renderJson(report: ScanReport): string {
  return JSON.stringify(toJsonObject(report), null, 2) + "\n";
}
