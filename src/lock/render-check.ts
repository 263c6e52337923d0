import { checkJson } from "./check-json.js";
import { ArtifactTable, ROOT_BASE_ID } from "../reporters/sarif-artifacts.js";
import { FingerprintCounter, findingResult, sentence, type ResultContext } from "../reporters/sarif-results.js";
import { PROJECT_URL, ruleDescriptor } from "../reporters/sarif-rules.js";
import { SARIF_SCHEMA } from "../reporters/sarif.js";
import type { SarifLog, SarifRun } from "../reporters/sarif-types.js";
import { mdCode, mdText, plainText } from "../reporters/sanitize.js";
import { refToString } from "../types/artifact.js";
import type { Finding } from "../types/finding.js";
import type { LockCheckReport, ModelCheck } from "./check-lock.js";

export const CHECK_FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

function stateLine(m: ModelCheck): string {
  if (m.state === "error") return `could not be checked: ${m.error ?? ""}`;
  if (m.state === "unchanged") return "unchanged";
  const parts = m.observations.map((o) => (o.state === "moved" ? `moved to ${o.to.slice(0, 12)}` : o.state === "renamed" ? `renamed to ${o.to}` : o.state));
  if (m.local) parts.push(m.local.dir === null ? "no local copy" : `${m.local.differences.length} local file(s) differ`);
  return `drifted: ${parts.join(", ")}`;
}

function where(f: Finding): string {
  return `${f.artifact ? refToString(f.artifact) : ""}${f.region?.startLine ? `:${f.region.startLine}` : ""}`;
}

export function renderCheckText(r: LockCheckReport): string {
  const out = [`modelgate lock --check ${plainText(r.lockFile)} (${r.mode === "local" ? "bytes on disk" : "Hub"})`, ""];
  for (const m of r.models) {
    out.push(`  ${plainText(`${m.id}@${m.revision}`)} ${m.commit.slice(0, 12)}: ${plainText(stateLine(m))}`);
    if (m.moved) out.push(`      ${plainText(m.moved.summary)}`);
  }
  if (r.notAssessed.length > 0) {
    out.push("", "Referenced in code but not locked:");
    for (const n of r.notAssessed) out.push(`  ${plainText(`${n.id}${n.revision ? `@${n.revision}` : ""}`)}  ${plainText(n.locations.map((l) => `${l.path}:${l.line}`).join(", "))}`);
  }
  if (r.findings.length > 0) {
    out.push("", "Findings:");
    for (const f of r.findings) out.push(`  ${f.severity.toUpperCase().padEnd(8)} ${f.ruleId} ${plainText(where(f))}  ${plainText(f.message)}`);
  }
  for (const e of r.errors) out.push("", `ERROR ${plainText(e.id)}: ${plainText(e.message)}`);
  const verdict = r.errors.length > 0 ? "ERROR (some models could not be checked)" : r.drifted ? `DRIFT (${r.findings.length} finding(s))` : "NO DRIFT";
  out.push("", verdict, "");
  return out.join("\n");
}

export function renderCheckMarkdown(r: LockCheckReport): string {
  const out = [`# modelgate lock check: ${mdCode(r.lockFile)}`, "", `Mode: ${r.mode === "local" ? "bytes on disk" : "Hub"}. Lock written by modelgate ${mdText(r.lock.toolVersion)}, advisory set ${mdText(r.lock.advisories.date)}.`, ""];
  out.push("| model | locked commit | state |", "|---|---|---|");
  for (const m of r.models) out.push(`| ${mdCode(`${m.id}@${m.revision}`)} | ${mdCode(m.commit.slice(0, 12))} | ${mdText(stateLine(m))} |`);
  for (const m of r.models) if (m.moved) out.push("", `**${mdText(m.id)}** moved: ${mdText(m.moved.summary)}`);
  if (r.notAssessed.length > 0) {
    out.push("", "## Referenced in code but not locked", "");
    for (const n of r.notAssessed) out.push(`- ${mdCode(`${n.id}${n.revision ? `@${n.revision}` : ""}`)}: ${n.locations.map((l) => mdCode(`${l.path}:${l.line}`)).join(", ")}`);
  }
  if (r.findings.length > 0) {
    out.push("", "## Findings", "", "| severity | rule | where | message |", "|---|---|---|---|");
    for (const f of r.findings) out.push(`| ${f.severity} | ${f.ruleId} | ${mdCode(where(f))} | ${mdText(f.message)} |`);
  }
  if (r.errors.length > 0) {
    out.push("", "## Could not be checked", "");
    for (const e of r.errors) out.push(`- ${mdCode(e.id)}: ${mdText(e.message)}`);
  }
  out.push("", r.errors.length > 0 ? "**Result: error** (exit 2)" : r.drifted ? "**Result: drift** (exit 1)" : "**Result: no drift** (exit 0)", "");
  return out.join("\n");
}

/**
 * SARIF 2.1.0 for code scanning: one run; results located at the lock file line of the model's
 * entry, or at the code line that references an unlocked model. Models that could not be checked
 * are tool notifications and make the invocation unsuccessful.
 */
export function toCheckSarif(r: LockCheckReport): SarifLog {
  const table = new ArtifactTable({ files: [] });
  const anchor = table.ensurePath(r.lockFile);
  const rules = [...r.rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map(ruleDescriptor);
  const ctx: ResultContext = { table, ruleIndex: new Map(rules.map((d, i) => [d.id, i])), anchor, fingerprints: new FingerprintCounter() };
  const results = r.findings.map((f) => findingResult(f, ctx));
  const run: SarifRun = {
    tool: { driver: { name: "modelgate", fullName: `modelgate ${r.tool.version}`, version: r.tool.version, semanticVersion: r.tool.version, ...(PROJECT_URL ? { informationUri: PROJECT_URL } : {}), rules } },
    invocations: [
      {
        executionSuccessful: r.errors.length === 0,
        ...(r.errors.length > 0
          ? { toolExecutionNotifications: r.errors.map((e) => ({ level: "error" as const, message: { text: sentence(`${e.id} could not be checked: ${e.message}`) }, locations: [{ physicalLocation: { artifactLocation: table.location(anchor) } }] })) }
          : {}),
      },
    ],
    artifacts: table.artifacts,
    results,
    columnKind: "unicodeCodePoints",
    originalUriBaseIds: { [ROOT_BASE_ID]: { description: { text: "The root of the repository that holds the lock file and the code." } } },
    properties: { lockFile: r.lockFile, mode: r.mode, models: r.models.map((m) => ({ id: m.id, revision: m.revision, commit: m.commit, state: m.state })), drifted: r.drifted },
  };
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

export function renderCheck(format: CheckFormat, r: LockCheckReport): string {
  switch (format) {
    case "json":
      return JSON.stringify(checkJson(r), null, 2) + "\n";
    case "sarif":
      return JSON.stringify(toCheckSarif(r), null, 2) + "\n";
    case "markdown":
      return renderCheckMarkdown(r);
    case "text":
      return renderCheckText(r);
  }
}
