import { Enums, Models } from "@cyclonedx/cyclonedx-library";
import type { RuleMeta } from "../catalog/rule.js";
import type { AdvisoryEntry } from "../summaries/advisories.js";
import { refToString, rootRef } from "../types/artifact.js";
import type { Finding, Severity } from "../types/finding.js";
import type { ScanReport } from "../types/report.js";
import { PROJECT_URL } from "./sarif-rules.js";

const SEVERITY: Record<Severity, Enums.Vulnerability.Severity> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
  info: Enums.Vulnerability.Severity.Info,
};

const MODELGATE = new Models.Vulnerability.Source({ name: "modelgate", ...(PROJECT_URL ? { url: PROJECT_URL } : {}) });

/** Where an advisory id is published: CVE at NVD, GHSA at GitHub, anything else at OSV. */
function advisorySource(id: string): Models.Vulnerability.Source {
  if (/^CVE-\d+-\d+$/i.test(id)) return new Models.Vulnerability.Source({ name: "NVD", url: `https://nvd.nist.gov/vuln/detail/${id}` });
  if (/^GHSA-/i.test(id)) return new Models.Vulnerability.Source({ name: "GitHub", url: `https://github.com/advisories/${id}` });
  return new Models.Vulnerability.Source({ name: "OSV", url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` });
}

/** The advisory an MG-ADV finding reports: same file and line, its id named in the message. */
function advisoryOf(f: Finding, advisories: readonly AdvisoryEntry[]): AdvisoryEntry | undefined {
  if (!f.artifact) return undefined;
  const path = refToString(f.artifact);
  return advisories.find((a) => a.sourceFile === path && a.line === f.region?.startLine && f.message.includes(a.id));
}

function cweNumbers(rule: RuleMeta | undefined): number[] {
  return (rule?.cwe ?? []).map((c) => Number(/^CWE-(\d+)$/i.exec(c)?.[1])).filter((n) => Number.isInteger(n) && n > 0);
}

export interface VulnerabilityTargets {
  /** The model component's ref, for findings about the repository as a whole. */
  model: Models.BomRef;
  /** File component refs by repo path. */
  files: ReadonlyMap<string, Models.BomRef>;
  /** Prefix that keeps vulnerability bom-refs unique when one BOM holds several models. */
  refPrefix: string;
}

/**
 * Every finding as a vulnerability: the rule id (or the advisory id, with its CVE/GHSA aliases as
 * references), modelgate's severity as the rating, the message as description, the evidence as
 * detail, the rule's remediation (and the fixed versions) as recommendation, and the file it
 * is in as the affected component. A waived finding keeps its waiver as the analysis detail.
 */
export function vulnerabilitiesOf(report: ScanReport, targets: VulnerabilityTargets): Models.Vulnerability.Vulnerability[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const advisories = report.sections.advisories ?? [];
  return report.findings.map((f) => {
    const rule = rules.get(f.ruleId);
    const advisory = f.ruleId === "MG-ADV-001" ? advisoryOf(f, advisories) : undefined;
    const target = f.artifact ? (targets.files.get(rootRef(f.artifact).path) ?? targets.model) : targets.model;
    const v = new Models.Vulnerability.Vulnerability({
      bomRef: `${targets.refPrefix}vulnerability:${f.fingerprint}`,
      id: advisory ? advisory.id : f.ruleId,
      source: advisory ? advisorySource(advisory.id) : MODELGATE,
      description: f.message,
      ...(f.evidence.length > 0 ? { detail: f.evidence.map((e) => e.text).join("\n") } : {}),
    });
    const fix = advisory && advisory.fixed.length > 0 ? `Fixed in ${advisory.package} ${advisory.fixed.join(", ")}.` : undefined;
    const recommendation = [fix, rule?.remediation?.trim()].filter((s): s is string => !!s).join(" ");
    if (recommendation) v.recommendation = recommendation;
    v.ratings.add(new Models.Vulnerability.Rating({ severity: SEVERITY[f.severity], method: Enums.Vulnerability.RatingMethod.Other, source: MODELGATE }));
    for (const cwe of cweNumbers(rule)) v.cwes.add(cwe);
    if (advisory) {
      for (const alias of advisory.aliases) v.references.add(new Models.Vulnerability.Reference(alias, advisorySource(alias)));
      const url = advisorySource(advisory.id).url;
      if (url) v.advisories.add(new Models.Vulnerability.Advisory(url, { title: advisory.summary }));
      v.properties.add(new Models.Property("modelgate:rule-id", f.ruleId));
    }
    v.affects.add(new Models.Vulnerability.Affect(target));
    v.properties.add(new Models.Property("modelgate:rule-name", f.ruleName));
    if (f.artifact) v.properties.add(new Models.Property("modelgate:path", refToString(f.artifact)));
    if (f.region?.startLine) v.properties.add(new Models.Property("modelgate:lines", `${f.region.startLine}-${f.region.endLine ?? f.region.startLine}`));
    if (f.region?.byteOffset !== undefined) v.properties.add(new Models.Property("modelgate:byte-range", `${f.region.byteOffset}+${f.region.byteLength ?? 0}`));
    if (f.suppressed) v.analysis = new Models.Vulnerability.Analysis({ detail: `waived by policy: ${f.suppressed.reason}` });
    return v;
  });
}
