import { refToString, rootRef, type ArtifactRef } from "../types/artifact.js";
import type { ChecklistItem, ChecklistStatus } from "../types/checklist.js";
import { severityRank, type Evidence, type Finding, type Severity } from "../types/finding.js";
import type { Region } from "../types/region.js";
import type { ArtifactTable } from "./sarif-artifacts.js";
import { SEVERITY_LEVEL, checklistRuleId } from "./sarif-rules.js";
import type { SarifKind, SarifLocation, SarifRegion, SarifResult } from "./sarif-types.js";

/** Related locations kept per result; GitHub shows at most 10 locations and ignores the rest. */
const MAX_RELATED = 10;

const STATUS_KIND: Record<ChecklistStatus, SarifKind> = {
  pass: "pass",
  fail: "fail",
  review: "review",
  "not-applicable": "notApplicable",
  // SARIF §3.27.9: "open" = the tool could not decide pass or fail; more analysis is needed.
  "not-checked": "open",
};

/** SARIF2001: messages are sentences. Adds a full stop unless the text already ends a sentence. */
export function sentence(text: string): string {
  const t = text.trimEnd();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function sarifRegion(r: Region): SarifRegion | undefined {
  const out: SarifRegion = {};
  if (r.startLine !== undefined && r.startLine >= 1) {
    out.startLine = r.startLine;
    if (r.endLine !== undefined && r.endLine >= r.startLine) out.endLine = r.endLine;
  }
  if (r.byteOffset !== undefined && r.byteOffset >= 0) {
    out.byteOffset = r.byteOffset;
    if (r.byteLength !== undefined && r.byteLength >= 0) out.byteLength = r.byteLength;
  }
  if (Object.keys(out).length === 0) return undefined;
  if (r.snippet !== undefined && r.snippet.length > 0) out.snippet = { text: r.snippet };
  return out;
}

function physical(table: ArtifactTable, index: number, region?: Region): SarifLocation["physicalLocation"] {
  const p: SarifLocation["physicalLocation"] = { artifactLocation: table.location(index) };
  const r = (region ? sarifRegion(region) : undefined) ?? table.wholeRegion(index);
  if (r) p.region = r;
  return p;
}

interface Located {
  primary: SarifLocation;
  related: SarifLocation[];
}

/**
 * The primary location of a result about `artifact`. It is always the repo file (what GitHub can
 * annotate and what a person must replace); a result inside an archive member also gets the
 * member, with its byte region, as a related location, since a member's offsets are not the file's.
 * No artifact means a repository-level result, anchored at `ctx.anchor`.
 */
function locate(artifact: ArtifactRef | undefined, region: Region | undefined, ctx: ResultContext): Located {
  const related: SarifLocation[] = [];
  if (!artifact) return { primary: { physicalLocation: physical(ctx.table, ctx.anchor), message: { text: "repository-level result" } }, related };
  const root = ctx.table.ensureRef(rootRef(artifact));
  if (!artifact.parent) return { primary: { physicalLocation: physical(ctx.table, root, region) }, related };
  related.push({ id: 1, physicalLocation: physical(ctx.table, ctx.table.ensureRef(artifact), region), message: { text: `archive member ${refToString(artifact)}` } });
  return { primary: { physicalLocation: physical(ctx.table, root) }, related };
}

/** Appends evidence that names a file as related locations, up to MAX_RELATED in all. */
function addRelated(related: SarifLocation[], evidence: readonly Evidence[], ctx: ResultContext): void {
  for (const e of evidence) {
    if (!e.artifact || related.length >= MAX_RELATED) continue;
    related.push({ id: related.length + 1, physicalLocation: physical(ctx.table, ctx.table.ensureRef(e.artifact), e.region), message: { text: e.text } });
  }
}

/** Numbers `primaryLocationLineHash` occurrences the way GitHub does (`hash:1`, `hash:2`, …). */
export class FingerprintCounter {
  private readonly seen = new Map<string, number>();
  next(fp: string): string {
    const n = (this.seen.get(fp) ?? 0) + 1;
    this.seen.set(fp, n);
    return `${fp}:${n}`;
  }
}

export interface ResultContext {
  table: ArtifactTable;
  ruleIndex: ReadonlyMap<string, number>;
  /** Index of the artifact that carries target-level results (README.md, else the first file). */
  anchor: number;
  fingerprints: FingerprintCounter;
}

/** A finding as a `fail` result, located at its artifact (see `locate`), evidence as related locations. */
export function findingResult(f: Finding, ctx: ResultContext): SarifResult {
  const { primary, related } = locate(f.artifact, f.region, ctx);
  addRelated(related, f.evidence, ctx);
  const result: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex: ctx.ruleIndex.get(f.ruleId) ?? -1,
    kind: "fail",
    level: SEVERITY_LEVEL[f.severity],
    message: { text: sentence(f.message) },
    locations: [primary],
    partialFingerprints: { primaryLocationLineHash: ctx.fingerprints.next(f.fingerprint), "modelgate/v1": f.fingerprint },
  };
  if (related.length > 0) result.relatedLocations = related;
  if (f.suppressed) result.suppressions = [{ kind: "external", status: "accepted", justification: f.suppressed.reason }];
  const props: Record<string, unknown> = { severity: f.severity, ruleName: f.ruleName };
  if (f.artifact) props["path"] = refToString(f.artifact);
  const notes = f.evidence.filter((e) => !e.artifact).map((e) => e.text);
  if (notes.length > 0) props["evidence"] = notes;
  if (f.advisories) props["advisories"] = f.advisories;
  result.properties = props;
  return result;
}

function highestSeverity(findings: readonly Finding[]): Severity | undefined {
  let best: Severity | undefined;
  for (const f of findings) if (!best || severityRank(f.severity) > severityRank(best)) best = f.severity;
  return best;
}

/**
 * A checklist item as a result of its MG-CHK rule. SARIF §3.27.9 requires level "none" whenever
 * kind is not "fail"; a failed item takes the level of its worst unwaived finding.
 */
export function checklistResult(item: ChecklistItem, findings: readonly Finding[], targetKey: string, ctx: ResultContext): SarifResult {
  const id = checklistRuleId(item);
  const kind = STATUS_KIND[item.status];
  const worst = highestSeverity(findings.filter((f) => !f.suppressed && item.ruleIds.includes(f.ruleId)));
  const { primary, related } = checklistLocations(item, ctx);
  const status = item.status === "not-checked" ? "not checked" : item.status === "not-applicable" ? "not applicable" : item.status === "review" ? "needs human review" : item.status;
  const result: SarifResult = {
    ruleId: id,
    ruleIndex: ctx.ruleIndex.get(id) ?? -1,
    kind,
    level: kind === "fail" ? (worst ? SEVERITY_LEVEL[worst] : "error") : "none",
    message: { text: sentence(`${item.title}: ${status}; ${item.summary}`) },
    locations: [primary],
    partialFingerprints: { primaryLocationLineHash: ctx.fingerprints.next(`${id}/${targetKey}`), "modelgate/v1": `${id}/${targetKey}` },
    properties: { checklist: item.id, status: item.status, evidence: item.evidence.map((e) => e.text) },
  };
  if (related.length > 0) result.relatedLocations = related;
  return result;
}

/**
 * Where a checklist result sits: at its first evidence that names a file, with that evidence's
 * region (e.g. the README lines item 3 quotes), so a reviewer lands on the quoted text rather
 * than line 1 of README.md. Every further evidence with a file becomes a related location.
 */
function checklistLocations(item: ChecklistItem, ctx: ResultContext): Located {
  const located = item.evidence.filter((e) => e.artifact);
  const first = located[0];
  const out = locate(first?.artifact, first?.region, ctx);
  addRelated(out.related, located.slice(1), ctx);
  return out;
}
