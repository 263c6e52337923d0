import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadRules } from "../catalog/load-rules.js";
import { checks as discoverChecks } from "../checks/discover/index.js";
import { runChecks } from "../engine/run-checks.js";
import { ConfigError, errorMessage } from "../errors.js";
import { parseSecretPatterns, type SecretPattern } from "../inspectors/secrets/secret-patterns.js";
import { redactText } from "../inspectors/secrets/redact.js";
import { loadList } from "../catalog/load-rules.js";
import { MAX_DISCOVER_SNIPPET_CHARS } from "../limits.js";
import { applyPolicy, gate } from "../policy/gate.js";
import type { Policy } from "../policy/policy.js";
import { fact, type Fact } from "../types/fact.js";
import type { Severity } from "../types/finding.js";
import { VERSION } from "../version.js";
import { extractConfig } from "./extract-config.js";
import { extractJavascript } from "./extract-javascript.js";
import { extractNotebook } from "./extract-notebook.js";
import { extractPython } from "./extract-python.js";
import { extractShell } from "./extract-shell.js";
import "./facts.js";
import { isPinned } from "./hub-id.js";
import { loadDiscoverLists, type DiscoverLists } from "./lists.js";
import { sortReport } from "./sort-report.js";
import type { DiscoverLocation, DiscoverReference, DiscoverReport, DiscoverSkip, Hit } from "./types.js";
import { walkCodebase, type CodebaseFile } from "./walk-codebase.js";

export interface DiscoverParams {
  /** The codebase folder. */
  dir: string;
  /** Lowest severity that fails (default "medium": an unpinned reference fails). */
  failOn?: Severity | "none";
  /** Severity overrides, waivers and list extensions. */
  policy?: Policy;
  /** For waiver expiry; defaults to today (UTC). */
  today?: string;
}

type Extract = (file: CodebaseFile, lists: DiscoverLists, isLocalPath: (v: string) => boolean) => Hit[];

const EXTRACTORS: Record<CodebaseFile["type"], Extract> = {
  python: (f, lists, isLocalPath) => extractPython(f.text, { lists, isLocalPath }),
  notebook: (f, lists, isLocalPath) => extractNotebook(f.text, { lists, isLocalPath }),
  javascript: (f, lists, isLocalPath) => extractJavascript(f.text, { lists, isLocalPath }),
  yaml: (f, lists, isLocalPath) => [...extractConfig(f.text, "yaml", { lists, isLocalPath }), ...extractShell(f.text, "yaml", { lists, isLocalPath })],
  json: (f, lists, isLocalPath) => extractConfig(f.text, "json", { lists, isLocalPath }),
  toml: (f, lists, isLocalPath) => extractConfig(f.text, "toml", { lists, isLocalPath }),
  env: (f, lists, isLocalPath) => extractShell(f.text, "shell", { lists, isLocalPath }),
  shell: (f, lists, isLocalPath) => extractShell(f.text, "shell", { lists, isLocalPath }),
  dockerfile: (f, lists, isLocalPath) => extractShell(f.text, "shell", { lists, isLocalPath }),
};

function snippetOf(lines: readonly string[], line: number, secrets: readonly SecretPattern[]): string {
  const raw = (lines[line - 1] ?? "").trim();
  const cut = raw.length > MAX_DISCOVER_SNIPPET_CHARS ? `${raw.slice(0, MAX_DISCOVER_SNIPPET_CHARS)}…` : raw;
  return redactText(cut, secrets);
}

/**
 * Every Hugging Face model and dataset a codebase references, found statically (no code is
 * imported or run), with each unpinned reference as a finding at its line. The folder is walked
 * with .gitignore honoured; each file type has its extractor (Python, notebooks, JS/TS, YAML/JSON/
 * TOML, shell/Dockerfile/.env). A file that cannot be read is listed in `notChecked`, the rest go on.
 */
export function discover(params: DiscoverParams): DiscoverReport {
  const root = resolve(params.dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new ConfigError(`${params.dir}: not a folder`);
  const lists = loadDiscoverLists(params.policy);
  const secrets = parseSecretPatterns(loadList("secret-patterns"));
  const walked = walkCodebase(root);
  const notChecked: DiscoverSkip[] = [...walked.notChecked];
  const localCache = new Map<string, boolean>();
  const facts: Fact[] = [];
  const byKey = new Map<string, DiscoverReference>();
  const dynamic = new Map<string, DiscoverLocation>();

  for (const file of walked.files) {
    const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
    // A relative value that exists in the codebase (beside the file or from the root) is a local model folder.
    const isLocalPath = (v: string): boolean => {
      if (/^(?:\.{0,2}\/|~|[A-Za-z]:[\\/])/.test(v) || v.includes("\\")) return true;
      const key = `${dir}\0${v}`;
      let hit = localCache.get(key);
      if (hit === undefined) {
        hit = existsSync(join(root, v)) || (dir !== "" && existsSync(join(root, dir, v)));
        localCache.set(key, hit);
      }
      return hit;
    };
    let hits: Hit[];
    try {
      hits = EXTRACTORS[file.type](file, lists, isLocalPath);
    } catch (e) {
      notChecked.push({ path: file.path, reason: errorMessage(e) });
      continue;
    }
    const lines = file.text.split("\n");
    for (const h of hits) {
      const loc: DiscoverLocation = { path: file.path, line: h.line, snippet: snippetOf(h.snippet !== undefined ? [h.snippet] : lines, h.snippet !== undefined ? 1 : h.line, secrets) };
      if (h.type === "dynamic") {
        const k = `${loc.path}\0${loc.line}`;
        if (!dynamic.has(k)) {
          dynamic.set(k, loc);
          facts.push(fact("discover.dynamic", loc, { path: loc.path }, { startLine: loc.line }));
        }
        continue;
      }
      const key = `${h.kind}\0${h.id}\0${h.revision ?? ""}`;
      const ref = byKey.get(key) ?? { id: h.id, kind: h.kind, revision: h.revision, pinned: isPinned(h.revision), locations: [] };
      byKey.set(key, ref);
      if (ref.locations.some((l) => l.path === loc.path && l.line === loc.line)) continue;
      ref.locations.push(loc);
      facts.push(fact("discover.reference", { id: ref.id, kind: ref.kind, revision: ref.revision, pinned: ref.pinned, ...loc }, { path: loc.path }, { startLine: loc.line }));
    }
  }

  const rules = loadRules().filter((r) => r.family === "discover");
  const policy = params.policy;
  const disabled = new Set(Object.entries(policy?.rules ?? {}).flatMap(([k, v]) => (v === "off" ? [k] : [])));
  const { findings: raw } = runChecks({ checks: discoverChecks, rules, facts, files: [], target: { kind: "local-dir", input: params.dir }, list: (name) => loadList(name), disabled });
  const findings = policy ? applyPolicy(raw, policy, params.today ?? new Date().toISOString().slice(0, 10)) : raw;
  const failOn = params.failOn ?? policy?.failOn ?? "medium";
  const v = gate({ findings, incomplete: [], failOn, allowIncomplete: true });
  return sortReport({
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: VERSION },
    references: [...byKey.values()],
    dynamic: [...dynamic.values()],
    findings,
    verdict: { failOn, passed: v.passed, counts: v.counts },
    stats: { filesRead: walked.files.length, filesSkipped: walked.skipped },
    notChecked,
  });
}
