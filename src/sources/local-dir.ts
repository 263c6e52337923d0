import { lstat, readdir, readlink, realpath, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { SourceError, errorMessage } from "../errors.js";
import { MAX_FOLDER_FILES } from "../limits.js";
import { FileByteSource } from "../io/byte-source.js";
import { SMALL_FILE_BYTES, SmallFileByteSource } from "../io/small-file-byte-source.js";
import type { PublishedHashes } from "../types/artifact.js";
import type { RepoFile, ResolvedSource, ScanTarget, SourcedArtifact } from "../types/source.js";
import { fact, type Fact } from "../types/fact.js";
import type { SymlinkNotFollowed } from "./symlink-facts.js";

export interface LocalFile {
  /** Repo-relative path with forward slashes. */
  path: string;
  /** Where the bytes are (a symlink target in an HF cache). */
  absPath: string;
  size: number;
}

/** Folders that are tooling, not model content. */
const SKIPPED_DIRS = new Set([".git", ".cache", ".huggingface"]);

export interface LocalListing {
  files: LocalFile[];
  /** Links that were not followed, each with why: never dropped silently. */
  links: SymlinkNotFollowed[];
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The link text as written (for a dangling or looping link, the only target there is). */
async function linkText(abs: string): Promise<string> {
  try {
    return await readlink(abs);
  } catch {
    return "?";
  }
}

/**
 * Walks a folder's files recursively, sorted. Symlinks are followed (HF cache snapshots are
 * symlinks into blobs/) but never out of `allowedRoot`, so a hostile link cannot make the scan
 * read files outside what the user pointed at. A link that leaves the root, dangles or loops is
 * listed in `links`: loaders follow links (transformers opens `pytorch_model.bin` wherever it
 * points), so an unfollowed link is a gap in the scan, not a file to forget.
 */
export async function walkLocalFolder(root: string, allowedRoot = root): Promise<LocalListing> {
  const realRoot = await realpath(allowedRoot);
  const files: LocalFile[] = [];
  const links: SymlinkNotFollowed[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const abs = join(dir, e.name);
      const rel = relative(root, abs).split(sep).join("/");
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(abs);
        continue;
      }
      let target = abs;
      if (e.isSymbolicLink()) {
        try {
          target = await realpath(abs);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          links.push({ link: rel, target: await linkText(abs), problem: code === "ELOOP" ? "loop" : "dangling" });
          continue;
        }
        if (!isInside(target, realRoot)) {
          links.push({ link: rel, target, problem: "outside" });
          continue;
        }
        // A link to a folder inside the root: its files are listed where they really are.
        if ((await stat(target)).isDirectory()) continue;
      } else if (!e.isFile()) continue;
      const st = await stat(target);
      files.push({ path: rel, absPath: target, size: st.size });
      if (files.length > MAX_FOLDER_FILES) throw new SourceError(`${root}: more than ${MAX_FOLDER_FILES} files; refusing to scan`);
    }
  };
  await walk(root);
  return { files, links };
}

/** The files `walkLocalFolder` lists (links it did not follow are left out). */
export async function listLocalFiles(root: string, allowedRoot = root): Promise<LocalFile[]> {
  return (await walkLocalFolder(root, allowedRoot)).files;
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
  const listing: LocalListing = isFile
    ? { files: [{ path: basename(params.path), absPath: await realpath(params.path), size: (await stat(params.path)).size }], links: [] }
    : await walkLocalFolder(params.path, params.allowedRoot ?? params.path);
  const files = listing.files;
  const linkFacts = listing.links.map((l) => fact("source.symlink", l, { path: l.link }));
  const repoFiles: RepoFile[] = files.map((f) => {
    const published = params.published?.get(f.path);
    return published ? { path: f.path, size: f.size, published } : { path: f.path, size: f.size };
  });
  const target: ScanTarget = { kind: isFile ? "local-file" : "local-dir", input: params.input, ...params.target };
  return {
    target,
    files: repoFiles,
    facts: [...(params.facts ?? []), ...linkFacts],
    bytesTransferred: () => new Map(),
    async *artifacts(): AsyncIterable<SourcedArtifact> {
      for (const f of files) {
        const published = params.published?.get(f.path);
        // A small file is read once, whole, for its digest and every inspector; a large one is read in ranges.
        const source = f.size <= SMALL_FILE_BYTES ? new SmallFileByteSource(f.absPath, f.size) : new FileByteSource(f.absPath, f.size);
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
