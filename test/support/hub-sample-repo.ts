import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { FakeFile, FakeRepo } from "./fake-hub.js";

/** Real repos committed for CI (fixtures/SOURCES.md). */
export const HUB_REPO_FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "hub-repos");
/** The full collection on the development machine; absent on a clean clone. */
export const HUB_SAMPLES = "/work/shared/hub-samples/repos";

function walk(dir: string, root: string, out: FakeFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = relative(root, abs).split(sep).join("/");
    // Collector files (`_tree.derived.json`, SOURCE.md) are not repo files (hub-samples README).
    if (rel === "SOURCE.md" || name.startsWith("_")) continue;
    if (statSync(abs).isDirectory()) walk(abs, root, out);
    else out.push({ path: rel, content: readFileSync(abs) });
  }
}

/** Folder names of the real repos in hub-samples (`owner__name`). */
export function hubSampleNames(root: string): string[] {
  try {
    return readdirSync(root).filter((n) => n.includes("__")).sort();
  } catch {
    return [];
  }
}

/** One hub-samples repo as a fake Hub repo: its real files, at a given commit. */
export function hubSampleRepo(root: string, folder: string, sha: string): FakeRepo {
  const files: FakeFile[] = [];
  walk(join(root, folder), join(root, folder), files);
  return { id: folder.replace("__", "/"), sha, refs: { main: sha }, files };
}
