import { loaderModules } from "../checks/remote-code/loader-modules.js";
import type { Fact, FactOf } from "../types/fact.js";
import type { ReportSummary } from "./summary.js";

/** One module `trust_remote_code=True` would import. */
export interface RemoteCodeReferenceEntry {
  module: string;
  /** Repo-relative file (in `repo` for cross-repo references). */
  file: string;
  /** The repo the code comes from: another repo for cross-repo references, else this repo's id (null when scanning a folder). */
  repo: string | null;
  /** True when the module is this repo's own code. */
  local: boolean;
  /** True when the file exists (always false for cross-repo references, which were not fetched). */
  present: boolean;
  /** The config key that names it, or the module that imports it. */
  via: string;
  /** Set when the config names a path or a non-module name (`../../etc/passwd`) here: why; `file` is then the reference as written. */
  unsafe?: string;
  /** Cross-repo references: what the Hub says about the other repo (`found` with its current commit, `not-found`, `not-looked-up`, ...); null for this repo's modules. */
  lookup: { state: string; sha?: string; detail?: string } | null;
}

export interface RemoteCodeSection {
  /** True when a config (`auto_map`, `custom_pipelines`, processor configs, modules.json) makes loading run repo code. */
  required: boolean;
  references: RemoteCodeReferenceEntry[];
  /** Every Python file in the repo. */
  pythonFiles: string[];
  /** Dangerous-call hits per category across those files. */
  dangerousCalls: Record<string, number>;
}

declare module "../types/report.js" {
  interface ReportSections {
    remoteCode?: RemoteCodeSection;
  }
}

function thisRepo(facts: readonly Fact[]): string | null {
  const src = facts.find((f): f is FactOf<"source.model"> => f.kind === "source.model");
  return src?.data.repoId ?? null;
}

export function buildRemoteCode(facts: readonly Fact[]): RemoteCodeSection {
  const repo = thisRepo(facts);
  const lookups = new Map(facts.flatMap((f) => (f.kind === "remote-code.cross-repo" ? [[f.data.repo, f.data] as const] : [])));
  const lookupOf = (r: string | undefined): RemoteCodeReferenceEntry["lookup"] => {
    const l = r ? lookups.get(r) : undefined;
    return l ? { state: l.state, ...(l.sha ? { sha: l.sha } : {}), ...(l.detail ? { detail: l.detail } : {}) } : null;
  };
  const references = loaderModules(facts).map((m) => ({ module: m.module, file: m.file, repo: m.repo ?? repo, local: m.local, present: m.present, via: m.via, ...(m.unsafe ? { unsafe: m.unsafe } : {}), lookup: lookupOf(m.repo) }));
  const dangerousCalls: Record<string, number> = {};
  for (const f of facts) if (f.kind === "remote-code.dangerous-call") dangerousCalls[f.data.category] = (dangerousCalls[f.data.category] ?? 0) + 1;
  return {
    required: facts.some((f) => f.kind === "remote-code.reference"),
    references,
    pythonFiles: facts.flatMap((f) => (f.kind === "remote-code.python-file" ? [f.data.path] : [])).sort(),
    dangerousCalls,
  };
}

/** Builds the `remoteCode` section of the report. */
export const summaries: readonly ReportSummary[] = [{ name: "remoteCode", build: (facts) => ({ remoteCode: buildRemoteCode(facts) }) }];
