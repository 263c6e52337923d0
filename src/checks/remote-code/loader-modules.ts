import type { Fact, FactOf } from "../../types/fact.js";
import type { RemoteCodeReference } from "../../inspectors/python-source/facts.js";
import "../../inspectors/python-source/facts.js";

/** One module a loader would import, as listed in the remote-code finding and the JSON `remoteCode` section. */
export interface LoaderModule {
  module: string;
  /** Repo-relative file for local modules, `module.py` in the other repo for cross-repo ones. */
  file: string;
  /** The other repo for cross-repo references; absent for this repo. */
  repo?: string;
  local: boolean;
  present: boolean;
  /** Config and key that pulled it in, or the module that imports it. */
  via: string;
  /** Why the reference is a path rather than a module name (see RemoteCodeReference.unsafe). */
  unsafe?: string;
}

function baseDir(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

/**
 * The modules `trust_remote_code=True` would import: every config reference, plus the sibling
 * modules those local files import relatively (transformers fetches those too), transitively.
 */
export function loaderModules(facts: readonly Fact[]): LoaderModule[] {
  const refs = facts.filter((f): f is FactOf<"remote-code.reference"> => f.kind === "remote-code.reference").map((f) => f.data);
  const pyFiles = new Map(
    facts.filter((f): f is FactOf<"remote-code.python-file"> => f.kind === "remote-code.python-file").map((f) => [f.data.path, f.data]),
  );
  const out = new Map<string, LoaderModule>();
  const queue: LoaderModule[] = [];
  const add = (m: LoaderModule): void => {
    const key = `${m.repo ?? ""}\0${m.file}`;
    if (out.has(key)) return;
    out.set(key, m);
    if (m.local && m.present) queue.push(m);
  };
  for (const r of refs) add(fromReference(r));
  while (queue.length > 0) {
    const m = queue.shift() as LoaderModule;
    const info = pyFiles.get(m.file);
    for (const rel of info?.relativeImports ?? []) {
      const file = `${baseDir(m.file)}${rel}.py`;
      add({ module: rel, file, local: true, present: pyFiles.has(file), via: `imported by ${m.file}` });
    }
  }
  return [...out.values()].sort((a, b) => (a.repo ?? "").localeCompare(b.repo ?? "") || a.file.localeCompare(b.file));
}

function fromReference(r: RemoteCodeReference): LoaderModule {
  const m: LoaderModule = { module: r.module, file: r.file, local: !r.repo, present: r.present, via: `${r.source} ${r.key}` };
  if (r.repo) m.repo = r.repo;
  if (r.unsafe) m.unsafe = r.unsafe;
  return m;
}

export function describeModule(m: LoaderModule): string {
  if (m.unsafe) return `"${m.file}" (a path, not a module name)`;
  if (m.repo) return `${m.repo}:${m.file} (other repo)`;
  return `${m.file}${m.present ? "" : " (missing)"}`;
}
