/** A module a loader imports because a config names it (`auto_map`, `custom_pipelines`, processor configs). */
export interface RemoteCodeReference {
  /** Config file that names the code, repo-relative. */
  source: string;
  /** Where in the config: `auto_map.AutoModelForCausalLM`, `custom_pipelines.text-generation.impl`. */
  key: string;
  /** Python module the loader imports (`modeling_x`). */
  module: string;
  className?: string;
  /** Another Hub repo for `owner/name--module.Class` references (fetched at its default branch). */
  repo?: string;
  /** File the loader fetches, repo-relative (`modeling_x.py`, or `sub/modeling_x.py` for subfolder configs). */
  file: string;
  /** True when `file` is in this repo's file list. */
  present: boolean;
  /** Set when the module part is a path or holds characters no Python module name has (`../../etc/passwd`): why. `file` is then the reference as written. */
  unsafe?: string;
}

/** A Python file of the repo, read statically. */
export interface PythonFileInfo {
  path: string;
  lines: number;
  /** Sibling modules it imports relatively (`from .configuration_x import ...` → `configuration_x`). */
  relativeImports: string[];
  /** Top-level modules it imports (`torch`, `requests`, ...). */
  imports: string[];
}

/** A call or reference in a Python file that matches an entry of `rules/_lists/python-danger-patterns.yaml`. */
export interface PythonDangerHit {
  /** Resolved dotted name (`subprocess.Popen`), or the pattern id for string patterns. */
  name: string;
  category: string;
  /** Why the list holds this entry. */
  reason: string;
  line: number;
  column: number;
}

/** What the Hub says about another repo a config pulls code from. */
export interface CrossRepoStatus {
  repo: string;
  /** `not-found`: the repo does not exist, so anyone who creates it supplies the code. */
  state: "found" | "not-found" | "gated" | "error" | "not-looked-up";
  /** Commit of the repo's default branch now: the code a loader would fetch today. */
  sha?: string;
  detail?: string;
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "remote-code.cross-repo": CrossRepoStatus;
    "remote-code.reference": RemoteCodeReference;
    "remote-code.python-file": PythonFileInfo;
    "remote-code.dangerous-call": PythonDangerHit;
  }
}
