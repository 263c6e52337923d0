import { relative, resolve, sep } from "node:path";
import { discover } from "../discover/index.js";
import type { CodeReference } from "./check-lock.js";

/**
 * The Hub references `modelgate discover` finds in a codebase, with paths made relative to the
 * working directory (discover's are relative to `dir`), so findings land on the right file in code
 * scanning when the command runs at the repository root.
 */
export function referencesInCodebase(dir: string, cwd = process.cwd()): { references: CodeReference[]; dynamic: number } {
  const report = discover({ dir });
  const prefix = relative(cwd, resolve(dir)).split(sep).join("/");
  const at = (p: string): string => (prefix === "" ? p : `${prefix}/${p}`);
  return {
    references: report.references.map((r) => ({ id: r.id, kind: r.kind, revision: r.revision, locations: r.locations.map((l) => ({ path: at(l.path), line: l.line, snippet: l.snippet })) })),
    dynamic: report.dynamic.length,
  };
}
