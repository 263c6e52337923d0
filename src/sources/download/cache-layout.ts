import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { PublishedHashes } from "../../types/artifact.js";

/**
 * The Hugging Face cache layout huggingface_hub and @huggingface/hub share:
 * `<cache>/models--owner--name/{blobs/<etag>, snapshots/<commit>/<path> -> ../../blobs/<etag>, refs/<branch>}`
 * where etag is the SHA-256 for LFS files and the git blob SHA-1 for the others.
 */
export interface CacheLayout {
  repoDir: string;
  blobPath(etag: string): string;
  snapshotDir(commit: string): string;
  snapshotPath(commit: string, path: string): string;
  refPath(revision: string): string;
}

export function cacheLayout(cacheDir: string, repoId: string, kind: "model" | "dataset" = "model"): CacheLayout {
  const repoDir = join(cacheDir, `${kind}s--${repoId.split("/").join("--")}`);
  return {
    repoDir,
    blobPath: (etag) => join(repoDir, "blobs", etag),
    snapshotDir: (commit) => join(repoDir, "snapshots", commit),
    snapshotPath: (commit, path) => join(repoDir, "snapshots", commit, ...path.split("/")),
    refPath: (revision) => join(repoDir, "refs", ...revision.split("/")),
  };
}

/**
 * A repo path from a tree listing is only used as a cache path when it cannot leave the snapshot
 * folder (CWE-22; @huggingface/hub 2.17 added the same guard, validateRelativeFilename).
 */
export function isSafeRepoPath(path: string): boolean {
  if (path === "" || path.length > 4096 || path.startsWith("/") || /[\\\0]/.test(path) || /^[A-Za-z]:/.test(path)) return false;
  return path.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

/** The blob name the cache uses for a file, when its published hash is a well-formed hex digest. */
export function blobName(published: PublishedHashes | undefined): string | undefined {
  const name = published?.lfs ? published.sha256 : published?.gitSha1;
  return name && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(name) ? name : undefined;
}

/** Points `snapshots/<commit>/<path>` at the blob with a relative link, swapped in atomically. */
export async function linkSnapshot(layout: CacheLayout, commit: string, path: string, etag: string): Promise<string> {
  const link = layout.snapshotPath(commit, path);
  await mkdir(dirname(link), { recursive: true });
  const tmp = `${link}.${randomUUID()}.tmp`;
  await symlink(relative(dirname(link), layout.blobPath(etag)), tmp);
  try {
    await rename(tmp, link);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return link;
}

/** Records which commit a branch or tag pointed to, as huggingface_hub does (no trailing newline). */
export async function writeRef(layout: CacheLayout, revision: string, commit: string): Promise<void> {
  if (revision === commit) return;
  const path = layout.refPath(revision);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, commit);
}

/** The commit a cached branch or tag points to; a 40-hex revision is its own commit. */
export async function readRef(layout: CacheLayout, revision: string): Promise<string | undefined> {
  if (/^[0-9a-f]{40}$/.test(revision)) return revision;
  try {
    const text = (await readFile(layout.refPath(revision), "utf8")).trim();
    return /^[0-9a-f]{40}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}
