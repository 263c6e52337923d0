import type { ChecklistItem, ChecklistStatus } from "../types/checklist.js";
import type { Evidence, Finding } from "../types/finding.js";
import type { Region } from "../types/region.js";
import type { ScanReport } from "../types/report.js";
import { refToString, type ArtifactRef } from "../types/artifact.js";
import { assessmentHtml } from "./html/assessment.js";
import { esc, escLines } from "./html/escape.js";
import { lineageSvg } from "./html/lineage-svg.js";
import { HTML_STYLES } from "./html/styles.js";
import { hubLink } from "./public-url.js";
import { gateLabel } from "./text.js";

const STATUS_LABEL: Record<ChecklistStatus, string> = {
  pass: "pass",
  fail: "fail",
  review: "needs review",
  "not-applicable": "not applicable",
  "not-checked": "not checked",
};

/**
 * Nothing may leave the file: no scripts, no fetches, no fonts; only inline styles and data: images.
 * Even a string that escaped escaping could not load anything.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function badge(cls: string, text: string): string {
  return `<span class="badge ${cls}">${esc(text)}</span>`;
}

function regionText(r: Region | undefined): string {
  if (!r) return "";
  if (r.startLine !== undefined) return r.endLine !== undefined && r.endLine !== r.startLine ? `lines ${r.startLine}–${r.endLine}` : `line ${r.startLine}`;
  if (r.byteOffset !== undefined) {
    const start = `0x${r.byteOffset.toString(16)}`;
    return r.byteLength !== undefined ? `bytes ${start}–0x${(r.byteOffset + r.byteLength).toString(16)} (${r.byteLength} bytes)` : `byte ${start}`;
  }
  return "";
}

function locationHtml(artifact: ArtifactRef | undefined, region: Region | undefined): string {
  if (!artifact) return `<span class="muted">repository</span>`;
  const where = regionText(region);
  return `<code>${esc(refToString(artifact))}</code>${where ? ` <span class="muted">${esc(where)}</span>` : ""}`;
}

function evidenceList(evidence: readonly Evidence[]): string {
  if (evidence.length === 0) return "";
  const items = evidence.map((e) => {
    const where = e.artifact ? ` <span class="muted">(${locationHtml(e.artifact, e.region)})</span>` : "";
    const snippet = e.region?.snippet ? `<pre>${escLines(e.region.snippet)}</pre>` : "";
    return `<li>${esc(e.text)}${where}${snippet}</li>`;
  });
  return `<ul class="evidence">${items.join("")}</ul>`;
}


function header(report: ScanReport): string {
  const t = report.target;
  const v = report.verdict;
  const gate = gateLabel(v);
  const rows: [string, string][] = [];
  const link = t.repoId ? hubLink(t.hubUrl, t.repoId, t.commitSha ?? t.revision) : undefined;
  // The link is text, not an anchor: the report must not invite a click that leaves the file.
  rows.push(["Model", t.repoId ? `<code>${esc(t.repoId)}</code>${link ? ` <span class="muted">${esc(link)}</span>` : ""}` : `<code>${esc(t.input)}</code> (${esc(t.kind)})`]);
  if (t.commitSha) rows.push(["Commit", `<code>${esc(t.commitSha)}</code>${t.revision && t.revision !== t.commitSha ? ` <span class="muted">from ${esc(t.revision)}</span>` : ""}`]);
  if (t.against) rows.push(["Compared with", `<code>${esc(t.against.repoId)}</code>${t.against.commitSha ? ` @ <code>${esc(t.against.commitSha)}</code>` : ""}`]);
  rows.push(["Date", report.generatedAt ? esc(report.generatedAt) : `<span class="muted">not recorded (run with --timestamp)</span>`]);
  rows.push(["Tool", `modelgate ${esc(report.tool.version)}${report.options.metadataOnly ? " (metadata only: weights not downloaded)" : ""}`]);
  const set = report.sections.advisorySet;
  if (set) rows.push(["Advisory set", `${esc(set.date)} (${set.count} advisories)`]);
  const tier = report.sections.assessment?.tier;
  if (tier) rows.push(["Risk tier", `Tier ${tier.level}: ${esc(tier.name)} ${badge(tier.passed ? "v-passed" : "v-failed", tier.passed ? "tier passed" : "tier failed")}`]);
  const counts = Object.entries(v.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`);
  rows.push(["Verdict", `${badge(`v-${gate}`, gate)} fails on ${esc(v.failOn)}${v.failOn === "none" ? "" : " and above"}; findings: ${counts.length ? esc(counts.join(", ")) : "none"}`]);
  return [
    `<header>`,
    `<h1>Model supply-chain report: ${esc(t.repoId ?? t.input)}</h1>`,
    `<dl class="meta">${rows.map(([k, val]) => `<dt>${esc(k)}</dt><dd>${val}</dd>`).join("")}</dl>`,
    `</header>`,
  ].join("\n");
}

function checklistSection(items: readonly ChecklistItem[]): string {
  const rows = items.map((i) => `<tr data-item="${esc(i.id)}"><td class="nowrap">${i.number}</td><td>${esc(i.title)}</td><td class="nowrap">${badge(`s-${i.status}`, STATUS_LABEL[i.status])}</td><td>${esc(i.summary)}</td></tr>`);
  const details = items.map((i) => [`<h3 id="item-${i.number}">${i.number}. ${esc(i.title)} ${badge(`s-${i.status}`, STATUS_LABEL[i.status])}</h3>`, `<p class="muted">${esc(i.description)}</p>`, evidenceList(i.evidence)].join("\n"));
  return [
    `<section id="checklist"><h2>Checklist</h2>`,
    `<table class="checklist"><thead><tr><th>#</th><th>Item</th><th>Status</th><th>Why</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    ...details,
    `</section>`,
  ].join("\n");
}

function findingHtml(f: Finding): string {
  const snippet = f.region?.snippet ? `<pre>${escLines(f.region.snippet)}</pre>` : "";
  return [
    `<div class="finding" data-rule="${esc(f.ruleId)}">`,
    `<p>${badge(`sev-${f.severity}`, f.severity)} <strong>${esc(f.ruleId)}</strong> ${esc(f.ruleName)} — ${locationHtml(f.artifact, f.region)}</p>`,
    `<p>${esc(f.message)}</p>`,
    snippet,
    evidenceList(f.evidence),
    f.suppressed ? `<p class="muted">Waived: ${esc(f.suppressed.reason)}</p>` : "",
    `</div>`,
  ].join("\n");
}

/** Findings under the checklist item their rule feeds, so an assessor reads them where they count. */
function findingsSection(report: ScanReport): string {
  const itemOf = new Map(report.rules.map((r) => [r.id, r.checklist] as const));
  const active = report.findings.filter((f) => !f.suppressed);
  const waived = report.findings.filter((f) => f.suppressed);
  const out = [`<section id="findings"><h2>Findings (${active.length})</h2>`];
  if (active.length === 0) out.push(`<p>None.</p>`);
  for (const item of report.checklist) {
    const mine = active.filter((f) => itemOf.get(f.ruleId) === item.id);
    if (mine.length === 0) continue;
    out.push(`<h3>${item.number}. ${esc(item.title)} (${mine.length})</h3>`, ...mine.map(findingHtml));
  }
  const placed = new Set(report.checklist.map((i) => i.id));
  const other = active.filter((f) => !placed.has(itemOf.get(f.ruleId) as ChecklistItem["id"]));
  if (other.length > 0) out.push(`<h3>Other (${other.length})</h3>`, ...other.map(findingHtml));
  if (waived.length > 0) out.push(`<h3>Waived by policy (${waived.length})</h3>`, ...waived.map(findingHtml));
  out.push(`</section>`);
  return out.join("\n");
}

function lineageSection(report: ScanReport): string {
  const entries = report.sections.lineage ?? [];
  const card = report.sections.card;
  const rootLicense = card && card.license.length > 0 ? card.license.join(", ") : "license unknown";
  const svg = lineageSvg({ id: report.target.repoId ?? report.target.input, license: rootLicense }, entries, report.findings);
  const rows = entries.map(
    (e) =>
      `<tr><td>${esc(e.kind)}</td><td><code>${esc(e.repoId)}</code></td><td>${e.depth}</td><td>${esc(e.status)}</td><td>${esc(e.license.join(", ") || "unknown")}${e.licenseName ? ` (${esc(e.licenseName)})` : ""}</td><td>${esc(e.detail ?? "")}</td></tr>`,
  );
  return [
    `<section id="lineage" class="lineage"><h2>Lineage</h2>`,
    entries.length === 0 ? `<p class="muted">The card names no base model and no dataset.</p>` : "",
    svg,
    entries.length > 0 ? `<table><thead><tr><th>Kind</th><th>Repository</th><th>Depth</th><th>Status</th><th>License</th><th>Detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : "",
    `</section>`,
  ].join("\n");
}

function filesSection(report: ScanReport): string {
  const rows = report.files.map(
    (f) =>
      `<tr><td><code>${esc(f.path)}</code></td><td style="text-align:right">${f.size}</td><td>${esc(f.format ?? "")}</td><td><code>${esc(f.sha256 ?? "")}</code></td><td>${esc(f.verification)}${f.note ? `: ${esc(f.note)}` : ""}</td></tr>`,
  );
  const notChecked = report.incomplete.map((i) => `<li>${i.path ? `<code>${esc(i.path)}</code>: ` : ""}${esc(i.reason)}</li>`);
  return [
    `<section id="files"><h2>Files (${report.files.length})</h2>`,
    `<table><thead><tr><th>File</th><th>Size</th><th>Format</th><th>SHA-256</th><th>Verification</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
    notChecked.length > 0 ? `<h3>Not checked (${notChecked.length})</h3><ul>${notChecked.join("")}</ul>` : "",
    `</section>`,
  ].join("\n");
}

/**
 * One self-contained HTML evidence file: opened from disk or printed to PDF it needs nothing
 * else. Every string from the repository is escaped; nothing is fetched.
 */
export function renderHtml(report: ScanReport): string {
  return [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>modelgate: ${esc(report.target.repoId ?? report.target.input)}</title>`,
    `<style>${HTML_STYLES}</style></head><body>`,
    header(report),
    checklistSection(report.checklist),
    assessmentHtml(report.sections.assessment),
    findingsSection(report),
    lineageSection(report),
    filesSection(report),
    `</body></html>`,
    "",
  ].join("\n");
}
