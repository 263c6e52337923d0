import { readlinkSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import type { PublishedHashes } from "../types/artifact.js";
import type { ResolvedSource } from "../types/source.js";
import { listLocalFiles, resolveLocalSource } from "./local-dir.js";
import type { SourceParams } from "./resolve.js";

export interface HfCacheSnapshot {
  /** `.../models--owner--name` */
  repoDir: string;
  repoId: string;
  commitSha: string;
  snapshotDir: string;
}

/** Recognises `<cache>/models--owner--name/snapshots/<40-hex>` (the layout huggingface_hub writes). */
export function detectHfCacheSnapshot(path: string): HfCacheSnapshot | undefined {
  const sha = basename(path);
  const snapshots = dirname(path);
  const repoDir = dirname(snapshots);
  const m = /^models--([^/\\]+?)--([^/\\]+)$/.exec(basename(repoDir));
  if (!/^[0-9a-f]{40}$/.test(sha) || basename(snapshots) !== "snapshots" || !m?.[1] || !m[2]) return undefined;
  return { repoDir, repoId: `${m[1]}/${m[2]}`, commitSha: sha, snapshotDir: path };
}

/**
 * The cache names each blob after its published hash: SHA-256 for LFS files, git blob SHA-1 for
 * the others. Reading the link target gives the expected hash without any network.
 */
export function publishedFromBlobName(linkTarget: string): PublishedHashes | undefined {
  const name = basename(linkTarget);
  if (/^[0-9a-f]{64}$/.test(name)) return { sha256: name, lfs: true };
  if (/^[0-9a-f]{40}$/.test(name)) return { gitSha1: name, lfs: false };
  return undefined;
}

export async function resolveHfCacheSource(params: SourceParams, snap: HfCacheSnapshot): Promise<ResolvedSource> {
  const files = await listLocalFiles(snap.snapshotDir, snap.repoDir);
  const published = new Map<string, PublishedHashes>();
  for (const f of files) {
    let link: string | undefined;
    try {
      link = readlinkSync(join(snap.snapshotDir, ...f.path.split("/")));
    } catch {
      link = undefined;
    }
    const blobsDir = join(snap.repoDir, "blobs") + sep;
    const p = link && f.absPath.startsWith(blobsDir) ? publishedFromBlobName(f.absPath) : undefined;
    if (p) published.set(f.path, p);
  }
  return resolveLocalSource({
    input: params.target,
    path: snap.snapshotDir,
    allowedRoot: snap.repoDir,
    published,
    target: { kind: "hf-cache", repoId: snap.repoId, commitSha: snap.commitSha, revision: snap.commitSha },
  });
}
