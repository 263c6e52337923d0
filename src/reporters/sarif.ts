import type { RuleMeta } from "../catalog/rule.js";
import type { ScanReport } from "../types/report.js";
import type { ScanTarget } from "../types/source.js";
import { publicSource, publicTarget, publicUrl } from "./public-url.js";
import { ArtifactTable, ROOT_BASE_ID } from "./sarif-artifacts.js";
import { FingerprintCounter, checklistResult, findingResult, sentence, type ResultContext } from "./sarif-results.js";
import { PROJECT_URL, checklistDescriptor, ruleDescriptor } from "./sarif-rules.js";
import type { SarifInvocation, SarifLog, SarifReportingDescriptor, SarifResult, SarifRun, SarifVersionControlDetails } from "./sarif-types.js";

/** GitHub requires `$schema`; this is the OASIS-final 2.1.0 schema SARIF2008 asks for. */
export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

const DEFAULT_HUB = "https://huggingface.co";

export interface SarifOptions {
  /** Emit the seven checklist items as MG-CHK-00N results (default true). */
  checklist?: boolean;
}

/** The Hub revision the scanned bytes are (or were compared with): Hub, HF cache or --against. */
export function versionControlProvenance(t: ScanTarget): SarifVersionControlDetails | undefined {
  const hub = publicUrl(t.hubUrl ?? DEFAULT_HUB).replace(/\/+$/, "");
  const repo = t.repoId ? { repoId: t.repoId, revision: t.revision, commitSha: t.commitSha } : t.against;
  if (!repo) return undefined;
  const v: SarifVersionControlDetails = { repositoryUri: `${hub}/${repo.repoId.split("/").map(encodeURIComponent).join("/")}` };
  if (repo.commitSha) v.revisionId = repo.commitSha;
  if (repo.revision && repo.revision !== repo.commitSha) v.branch = repo.revision;
  return v;
}

/** A key for the target that is stable across machines (never a local absolute path). */
function targetKey(t: ScanTarget): string {
  return t.repoId ?? t.against?.repoId ?? t.kind;
}

function descriptors(report: ScanReport, checklist: boolean): SarifReportingDescriptor[] {
  const byId = new Map<string, SarifReportingDescriptor>();
  for (const r of report.rules) byId.set(r.id, ruleDescriptor(r));
  // A finding under a rule the report does not list (should not happen) still needs a descriptor.
  for (const f of report.findings) {
    if (byId.has(f.ruleId)) continue;
    const stub: RuleMeta = {
      id: f.ruleId, name: f.ruleName, family: f.ruleId.split("-")[1]?.toLowerCase() ?? "general", checklist: "dependency-scanning",
      severity: f.severity, confidence: "medium", summary: sentence(f.ruleName), description: sentence(f.ruleName), remediation: "See the finding message.",
      cwe: [], references: [], tags: [], messages: {},
    };
    byId.set(f.ruleId, ruleDescriptor(stub));
  }
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return checklist ? [...rules, ...report.checklist.map(checklistDescriptor)] : rules;
}

function anchorIndex(report: ScanReport, table: ArtifactTable): number {
  const readme = report.files.find((f) => f.path.toLowerCase() === "readme.md");
  const first = readme ?? report.files[0];
  return table.ensurePath(first?.path ?? "README.md");
}

function invocation(report: ScanReport, table: ArtifactTable): SarifInvocation {
  const inv: SarifInvocation = { executionSuccessful: true };
  if (report.generatedAt) inv.endTimeUtc = report.generatedAt;
  if (report.incomplete.length > 0) {
    inv.toolExecutionNotifications = report.incomplete.map((i) => ({
      level: "warning",
      message: { text: sentence(i.path ? `${i.path} was not fully checked: ${i.reason}` : `Not fully checked: ${i.reason}`) },
      ...(i.path ? { locations: [{ physicalLocation: { artifactLocation: table.location(table.ensurePath(i.path)) } }] } : {}),
    }));
  }
  return inv;
}

/** The report as a SARIF 2.1.0 log object: one run, deterministic order, no timestamps unless asked. */
export function toSarifLog(report: ScanReport, options: SarifOptions = {}): SarifLog {
  const withChecklist = options.checklist ?? true;
  const table = new ArtifactTable(report);
  const rules = descriptors(report, withChecklist);
  const ctx: ResultContext = {
    table,
    ruleIndex: new Map(rules.map((r, i) => [r.id, i])),
    anchor: anchorIndex(report, table),
    fingerprints: new FingerprintCounter(),
  };
  const results: SarifResult[] = report.findings.map((f) => findingResult(f, ctx));
  if (withChecklist) for (const item of report.checklist) results.push(checklistResult(item, report.findings, targetKey(report.target), ctx));
  const inv = invocation(report, table);
  const { target, verdict, incomplete, options: scanOptions, source, sections, generatedAt, schemaVersion } = report;
  const run: SarifRun = {
    tool: {
      driver: {
        name: "modelgate",
        fullName: `modelgate ${report.tool.version}`,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        ...(PROJECT_URL ? { informationUri: PROJECT_URL } : {}),
        rules,
      },
    },
    invocations: [inv],
    artifacts: table.artifacts,
    results,
    columnKind: "unicodeCodePoints",
    properties: {
      reportSchemaVersion: schemaVersion,
      target: publicTarget(target),
      verdict,
      incomplete,
      options: scanOptions,
      ...(source ? { source: publicSource(source) } : {}),
      ...(generatedAt ? { generatedAt } : {}),
      ...sections,
    },
  };
  run.originalUriBaseIds = { [ROOT_BASE_ID]: { description: { text: "The root of the scanned model repository or folder." } } };
  const vcp = versionControlProvenance(report.target);
  if (vcp) run.versionControlProvenance = [{ ...vcp, mappedTo: { uriBaseId: ROOT_BASE_ID } }];
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

export function renderSarif(report: ScanReport, options: SarifOptions = {}): string {
  return JSON.stringify(toSarifLog(report, options), null, 2) + "\n";
}
