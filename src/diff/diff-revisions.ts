import { loadList, loadRules } from "../catalog/load-rules.js";
import type { RuleMeta } from "../catalog/rule.js";
import { checks as diffChecks } from "../checks/diff/index.js";
import { runChecks } from "../engine/run-checks.js";
import { errorMessage } from "../errors.js";
import { sniffArtifact } from "../inspectors/sniff.js";
import { RangedByteSource } from "../sources/download/ranged-byte-source.js";
import { MAX_TEXT_FILE_BYTES } from "../limits.js";
import { sortFindings } from "../report/sort.js";
import { scan, type ScanParams } from "../scan.js";
import { openRemoteFile } from "../sources/download/remote-file.js";
import { createHubClient, type HubClient } from "../sources/hub-client.js";
import { refToString } from "../types/artifact.js";
import { fact, type Fact } from "../types/fact.js";
import type { Finding, Severity } from "../types/finding.js";
import type { Format } from "../types/format.js";
import type { ScanReport } from "../types/report.js";
import type { RepoFile } from "../types/source.js";
import { VERSION } from "../version.js";
import { fileChanges, type FileChange } from "./file-changes.js";
import { resolveCommit, treeAt } from "./revision-tree.js";
import { autoMapOf, cardFieldsOf, chatTemplatesOf, textRole, type CardFields } from "./text-content.js";
import { unifiedDiff } from "./unified-diff.js";
import "./facts.js";

/** Bytes read from the start of a binary file to sniff its format (safetensors/GGUF headers, pickle opcodes, zip). */
export const SNIFF_BYTES = 64 * 1024;

/** Files compared by hash only: their content is text a diff does not need to read. */
const TEXT_EXTENSIONS = /\.(md|txt|py|json|jinja|ya?ml|csv|tsv|gitattributes|gitignore|cfg|toml|ini)$/i;

export interface DiffParams {
  repoId: string;
  revA: string;
  /** Default: the head of `main` when revA is a commit; revA's own current head when it is a branch or tag. */
  revB?: string;
  hubUrl: string;
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Also scan both revisions (metadata only: headers by ranged reads) and compare their findings. */
  findings?: boolean;
  /** Scans one target for `findings`; defaults to `scan`. */
  scanner?: (params: ScanParams) => Promise<ScanReport>;
}

type CardFieldName = "license" | "base_model" | "datasets" | "gating" | "sections";

export interface FindingSummary {
  ruleId: string;
  severity: Severity;
  path: string | null;
  message: string;
}

export interface RevisionDiff {
  schemaVersion: "1.0";
  tool: { name: "modelgate"; version: string };
  repoId: string;
  a: { revision: string; commit: string };
  b: { revision: string; commit: string };
  files: FileChange[];
  /** Formats sniffed (ranged reads) for binary files whose hash changed, was added or removed. */
  formats: { path: string; formatA: Format | null; formatB: Format | null }[];
  remoteCode: { what: "python-file" | "auto_map"; path: string; change: "added" | "removed" | "changed"; detail: string }[];
  chatTemplates: { source: string; name: string; change: "added" | "removed" | "changed"; diff?: string }[];
  card: { field: CardFieldName; before: string; after: string }[];
  /** Findings of the diff rules (MG-DIF-*) about what changed. */
  findings: Finding[];
  /** With `findings`: scan findings present only in B (appeared) or only in A (resolved). */
  scanFindings?: { appeared: FindingSummary[]; resolved: FindingSummary[] };
  rules: RuleMeta[];
  /** Files whose content could not be read for the comparison; the rest of the diff stands. */
  unread: { path: string; reason: string }[];
}

async function readText(client: HubClient, file: RepoFile, commit: string): Promise<string> {
  const remote = await openRemoteFile(client, file.path, commit);
  // A text file larger than the bound is read only up to it: memory exhaustion, CWE-400.
  const bytes = await remote.range(0, Math.min(file.size, MAX_TEXT_FILE_BYTES));
  return new TextDecoder().decode(bytes);
}

/** The format from the first bytes, and for zips the central directory (PyTorch, Keras, npz): ranged reads only. */
async function sniff(client: HubClient, file: RepoFile, commit: string): Promise<Format> {
  const source = new RangedByteSource(await openRemoteFile(client, file.path, commit), file.size);
  const head = await source.read(0, Math.min(file.size, SNIFF_BYTES));
  return sniffArtifact(source, head);
}

function summary(f: Finding): FindingSummary {
  return { ruleId: f.ruleId, severity: f.severity, path: f.artifact ? refToString(f.artifact) : null, message: f.message };
}

/** Scan findings that are in one report and not the other, by fingerprint (rule + path + detail). */
export function findingsDelta(a: readonly Finding[], b: readonly Finding[]): { appeared: FindingSummary[]; resolved: FindingSummary[] } {
  const inA = new Set(a.map((f) => f.fingerprint));
  const inB = new Set(b.map((f) => f.fingerprint));
  return { appeared: b.filter((f) => !inA.has(f.fingerprint)).map(summary), resolved: a.filter((f) => !inB.has(f.fingerprint)).map(summary) };
}

function mapDiff(a: Record<string, string>, b: Record<string, string>): { key: string; change: "added" | "removed" | "changed"; detail: string }[] {
  const out: { key: string; change: "added" | "removed" | "changed"; detail: string }[] = [];
  for (const [k, v] of Object.entries(b)) {
    if (!(k in a)) out.push({ key: k, change: "added", detail: `${k} → ${v}` });
    else if (a[k] !== v) out.push({ key: k, change: "changed", detail: `${k}: ${a[k] ?? ""} → ${v}` });
  }
  for (const [k, v] of Object.entries(a)) if (!(k in b)) out.push({ key: k, change: "removed", detail: `${k} → ${v}` });
  return out;
}

/**
 * What changed between two revisions of a Hub model. Metadata first: both trees with their
 * published hashes decide which files were added, removed or changed. Only the files whose hash
 * changed are read: configs, chat templates and the card in full (bounded), binary files by a
 * ranged read of their first 64 KiB to sniff the format. Facts about the changes go through the
 * MG-DIF checks. With `findings`, both revisions are also scanned metadata-only.
 */
export async function diffRevisions(params: DiffParams): Promise<RevisionDiff> {
  const client = createHubClient({
    hubUrl: params.hubUrl,
    repoId: params.repoId,
    ...(params.token ? { token: params.token } : {}),
    ...(params.fetch ? { fetch: params.fetch } : {}),
    ...(params.signal ? { signal: params.signal } : {}),
  });
  const commitA = await resolveCommit(client, params.revA);
  const revB = params.revB ?? (/^[0-9a-f]{40}$/i.test(params.revA) ? "main" : params.revA);
  const commitB = await resolveCommit(client, revB);
  const [treeA, treeB] = await Promise.all([treeAt(client, commitA), treeAt(client, commitB)]);
  const files = fileChanges(treeA, treeB);
  const byPathA = new Map(treeA.map((f) => [f.path, f]));
  const byPathB = new Map(treeB.map((f) => [f.path, f]));
  const unread: RevisionDiff["unread"] = [];
  const facts: Fact[] = [];
  const attempt = async <T>(path: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      unread.push({ path, reason: errorMessage(e) });
      return undefined;
    }
  };

  const formats: RevisionDiff["formats"] = [];
  const binary = files.filter((c) => !TEXT_EXTENSIONS.test(c.path) && !textRole(c.path));
  for (const c of binary) {
    const fa = byPathA.get(c.path);
    const fb = byPathB.get(c.path);
    const formatA = fa && c.change !== "added" ? ((await attempt(c.path, () => sniff(client, fa, commitA))) ?? null) : null;
    const formatB = fb && c.change !== "removed" ? ((await attempt(c.path, () => sniff(client, fb, commitB))) ?? null) : null;
    formats.push({ path: c.path, formatA, formatB });
  }
  const removedBinary = formats.flatMap((f) => (f.formatB === null && f.formatA !== null ? [{ path: f.path, format: f.formatA }] : []));
  for (const f of formats) {
    if (f.formatB === null) continue;
    if (f.formatA !== null && f.formatA !== f.formatB) facts.push(fact("diff.format-changed", { kind: "same-path", path: f.path, formatA: f.formatA, formatB: f.formatB, removed: [] }));
    else if (f.formatA === null && !byPathA.has(f.path)) facts.push(fact("diff.format-changed", { kind: "added", path: f.path, formatA: null, formatB: f.formatB, removed: removedBinary }));
  }

  const remoteCode: RevisionDiff["remoteCode"] = [];
  for (const c of files) if (c.path.endsWith(".py")) remoteCode.push({ what: "python-file", path: c.path, change: c.change, detail: c.path });

  const texts = async (c: FileChange): Promise<{ a: string | undefined; b: string | undefined }> => {
    const fa = byPathA.get(c.path);
    const fb = byPathB.get(c.path);
    const a = fa ? await attempt(c.path, () => readText(client, fa, commitA)) : undefined;
    const b = fb ? await attempt(c.path, () => readText(client, fb, commitB)) : undefined;
    return { a, b };
  };
  const chatTemplates: RevisionDiff["chatTemplates"] = [];
  const card: RevisionDiff["card"] = [];
  for (const c of files) {
    const role = textRole(c.path);
    if (!role) continue;
    const { a, b } = await texts(c);
    if ((c.change !== "added" && a === undefined) || (c.change !== "removed" && b === undefined)) continue;
    if (role === "config") {
      for (const m of mapDiff(autoMapOf(a ?? "{}"), autoMapOf(b ?? "{}"))) remoteCode.push({ what: "auto_map", path: c.path, change: m.change, detail: m.detail });
    }
    if (role === "config" || role === "template") {
      const ta = a === undefined ? new Map<string, string>() : chatTemplatesOf(c.path, a);
      const tb = b === undefined ? new Map<string, string>() : chatTemplatesOf(c.path, b);
      for (const [name, text] of tb) {
        const before = ta.get(name);
        if (before === text) continue;
        const diff = unifiedDiff(before ?? "", text, `a/${c.path} (${name})`, `b/${c.path} (${name})`);
        chatTemplates.push({ source: c.path, name, change: before === undefined ? "added" : "changed", ...(diff ? { diff } : {}) });
      }
      for (const name of ta.keys()) if (!tb.has(name)) chatTemplates.push({ source: c.path, name, change: "removed" });
    }
    if (role === "card") {
      const ca = cardFieldsOf(a ?? "");
      const cb = cardFieldsOf(b ?? "");
      for (const field of ["license", "base_model", "datasets", "gating"] as const) {
        if (ca[field] !== cb[field]) card.push({ field, before: ca[field] || "(none)", after: cb[field] || "(none)" });
      }
      const gone = ca.sections.filter((s) => !cb.sections.includes(s));
      const added = cb.sections.filter((s) => !ca.sections.includes(s));
      if (gone.length > 0 || added.length > 0) card.push({ field: "sections", before: gone.length ? `removed: ${gone.join("; ")}` : "(none removed)", after: added.length ? `added: ${added.join("; ")}` : "(none added)" });
      for (const problem of [ca.problem, cb.problem]) if (problem) unread.push({ path: c.path, reason: problem });
    }
  }
  for (const r of remoteCode) facts.push(fact("diff.remote-code-changed", r));
  for (const t of chatTemplates) facts.push(fact("diff.chat-template-changed", t));
  for (const c of card) facts.push(fact("diff.card-changed", c));

  const rules = loadRules();
  const lists = new Map<string, unknown>();
  const list = (name: string): unknown => {
    if (!lists.has(name)) lists.set(name, loadList(name));
    return lists.get(name);
  };
  const checked = runChecks({ checks: diffChecks, rules, facts, files: treeB, target: { kind: "hub", input: params.repoId, repoId: params.repoId, revision: revB, commitSha: commitB, hubUrl: params.hubUrl }, list });
  const findings = sortFindings(checked.findings);
  const out: RevisionDiff = {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: VERSION },
    repoId: params.repoId,
    a: { revision: params.revA, commit: commitA },
    b: { revision: revB, commit: commitB },
    files,
    formats,
    remoteCode,
    chatTemplates,
    card,
    findings,
    rules: [],
    unread,
  };
  if (params.findings && commitA !== commitB) {
    const scanner = params.scanner ?? scan;
    const common = { hubUrl: params.hubUrl, metadataOnly: true, ...(params.token ? { token: params.token } : {}), ...(params.fetch ? { fetch: params.fetch } : {}), ...(params.signal ? { signal: params.signal } : {}) };
    const reportA = await scanner({ ...common, target: `hf://${params.repoId}@${commitA}` });
    const reportB = await scanner({ ...common, target: `hf://${params.repoId}@${commitB}` });
    out.scanFindings = findingsDelta(reportA.findings, reportB.findings);
  } else if (params.findings) out.scanFindings = { appeared: [], resolved: [] };
  const used = new Set(findings.map((f) => f.ruleId));
  out.rules = rules.filter((r) => used.has(r.id));
  return out;
}

export type { CardFields };
