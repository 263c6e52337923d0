import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { digestFile } from "../integrity/digest.js";
import { MAX_FOLDER_FILES } from "../limits.js";
import type { LockedModel } from "./lock-file.js";

export interface LocalDifference {
  state: "changed" | "missing" | "extra";
  file: string;
  expected?: string;
  actual?: string;
}

/** Where a locked model's files are expected on disk, in the order they are tried. */
export function localCandidates(model: LockedModel, where: { dir?: string; cacheDir?: string }, singleModel: boolean): string[] {
  const [owner = "", name = ""] = model.id.split("/");
  const snapshot = (cache: string): string => join(cache, `models--${owner}--${name}`, "snapshots", model.commit);
  const out: string[] = [];
  if (where.dir) {
    out.push(join(where.dir, owner, name), snapshot(where.dir));
    if (singleModel) out.push(where.dir);
  }
  if (where.cacheDir) out.push(snapshot(where.cacheDir));
  return out;
}

/** Download tools' own bookkeeping, never part of a model (huggingface_hub `local_dir` metadata, git). */
function ignored(rel: string): boolean {
  return rel === ".git" || rel.startsWith(`.git/`) || rel.startsWith(".cache/huggingface/");
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      const rel = relative(dir, abs).split(sep).join("/");
      if (ignored(rel) || ignored(`${rel}/`)) continue;
      // HF cache snapshots hold symlinks to blobs: follow them to what a loader would read.
      const st = statSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(abs);
      else if (st.isFile()) out.push(rel);
      // A hostile or mistaken folder could hold millions of entries: CWE-400.
      if (out.length > MAX_FOLDER_FILES) throw new Error(`${dir}: more than ${MAX_FOLDER_FILES} files`);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Hashes the files of one locked model on disk and compares them with the lock: changed bytes,
 * missing files and extra files. Offline; reads every file once (SHA-256, and git SHA-1 for files
 * the lock knows only by that).
 */
export async function compareLocal(model: LockedModel, dir: string, signal?: AbortSignal): Promise<LocalDifference[]> {
  const present = new Set(listFiles(dir));
  const out: LocalDifference[] = [];
  for (const f of model.files) {
    if (!present.has(f.path)) {
      out.push({ state: "missing", file: f.path });
      continue;
    }
    present.delete(f.path);
    const needSha1 = !f.sha256;
    const d = await digestFile(join(dir, f.path), { gitSha1: needSha1, ...(signal ? { signal } : {}) });
    if (f.sha256 && d.sha256 !== f.sha256) out.push({ state: "changed", file: f.path, expected: `sha256:${f.sha256}`, actual: `sha256:${d.sha256}` });
    else if (!f.sha256 && f.gitSha1 && d.gitSha1 !== f.gitSha1) out.push({ state: "changed", file: f.path, expected: `git-sha1:${f.gitSha1}`, actual: `git-sha1:${d.gitSha1}` });
  }
  for (const p of present) out.push({ state: "extra", file: p });
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function firstExisting(paths: readonly string[]): string | undefined {
  return paths.find((p) => existsSync(p) && statSync(p).isDirectory());
}
