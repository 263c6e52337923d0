import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { SourceError, errorMessage } from "../errors.js";
import { MAX_FOLDER_FILES } from "../limits.js";
import { FileByteSource } from "../io/byte-source.js";
import type { PublishedHashes } from "../types/artifact.js";
import type { RepoFile, ResolvedSource, ScanTarget, SourcedArtifact } from "../types/source.js";
import type { Fact } from "../types/fact.js";

export interface LocalFile {
  /** Repo-relative path with forward slashes. */
  path: string;
  /** Where the bytes are (a symlink target in an HF cache). */
  absPath: string;
  size: number;
}

/** Folders that are tooling, not model content. */
const SKIPPED_DIRS = new Set([".git", ".cache", ".huggingface"]);

/**
 * Lists a folder's files recursively, sorted. Symlinks are followed (HF cache snapshots are
 * symlinks into blobs/) but never out of `allowedRoot`, so a hostile link cannot make the scan
 * read files outside what the user pointed at.
 */
export async function listLocalFiles(root: string, allowedRoot = root): Promise<LocalFile[]> {
  const realRoot = await realpath(allowedRoot);
  const out: LocalFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(abs);
        continue;
      }
      let target = abs;
      if (e.isSymbolicLink()) {
        try {
          target = await realpath(abs);
        } catch {
          continue;
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep)) continue;
        const st = await stat(target);
        if (st.isDirectory()) continue;
      } else if (!e.isFile()) continue;
      const st = await stat(target);
      out.push({ path: relative(root, abs).split(sep).join("/"), absPath: target, size: st.size });
      if (out.length > MAX_FOLDER_FILES) throw new SourceError(`${root}: more than ${MAX_FOLDER_FILES} files; refusing to scan`);
    }
  };
  await walk(root);
  return out;
}

export interface LocalSourceParams {
  input: string;
  path: string;
  /** Published hashes per path (from --against or an HF cache's blob names). */
  published?: ReadonlyMap<string, PublishedHashes>;
  target?: Partial<ScanTarget>;
  facts?: Fact[];
  /** The root symlinks may point into (an HF cache's repo folder). */
  allowedRoot?: string;
}

/** A local folder or single file as a source. */
export async function resolveLocalSource(params: LocalSourceParams): Promise<ResolvedSource> {
  let st;
  try {
    st = await lstat(params.path);
  } catch (e) {
    throw new SourceError(`${params.input}: ${errorMessage(e)}`);
  }
  const isFile = !st.isDirectory() && (await stat(params.path)).isFile();
  const files: LocalFile[] = isFile
    ? [{ path: basename(params.path), absPath: await realpath(params.path), size: (await stat(params.path)).size }]
    : await listLocalFiles(params.path, params.allowedRoot ?? params.path);
  const repoFiles: RepoFile[] = files.map((f) => {
    const published = params.published?.get(f.path);
    return published ? { path: f.path, size: f.size, published } : { path: f.path, size: f.size };
  });
  const target: ScanTarget = { kind: isFile ? "local-file" : "local-dir", input: params.input, ...params.target };
  return {
    target,
    files: repoFiles,
    facts: params.facts ?? [],
    bytesTransferred: () => new Map(),
    async *artifacts(): AsyncIterable<SourcedArtifact> {
      for (const f of files) {
        const published = params.published?.get(f.path);
        const source = new FileByteSource(f.absPath, f.size);
        const artifact: SourcedArtifact = {
          ref: { path: f.path },
          source,
          origin: "local",
          localPath: f.absPath,
          // A file that could not be opened rejects again on close; it was already recorded as unreadable.
          close: () => source.close().catch(() => undefined),
        };
        if (published) artifact.published = published;
        yield artifact;
      }
    },
  };
}
