import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import type { PublishedHashes } from "../types/artifact.js";
import { fact } from "../types/fact.js";
import type { ResolvedSource } from "../types/source.js";
import { listLocalFiles, resolveLocalSource } from "./local-dir.js";
import type { SourceParams } from "./source-params.js";

export interface HfCacheSnapshot {
  /** `.../models--owner--name` */
  repoDir: string;
  repoId: string;
  commitSha: string;
  snapshotDir: string;
  /** Names under refs/ that point at this commit (`main`, a tag), sorted. */
  refs: string[];
}

const COMMIT = /^[0-9a-f]{40}$/;
const REPO_DIR = /^models--([^/\\]+?)--([^/\\]+)$/;
/** A ref file holds one commit SHA; anything bigger is not one (and is not read whole). */
const MAX_REF_BYTES = 256;

function readRef(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_REF_BYTES) return undefined;
    const sha = readFileSync(path, "utf8").trim();
    return COMMIT.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Ref names (`main`, `v1.0`, `refs/pr/1` as `pr/1`) under `refs/` that point at `commit`. */
function refsPointingAt(repoDir: string, commit: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && depth < 3) walk(join(dir, e.name), `${prefix}${e.name}/`, depth + 1);
      else if (e.isFile() && readRef(join(dir, e.name)) === commit) out.push(`${prefix}${e.name}`);
    }
  };
  walk(join(repoDir, "refs"), "", 0);
  return out.sort();
}

/**
 * Recognises `<cache>/models--owner--name/snapshots/<40-hex>` (the layout huggingface_hub
 * writes), and the repo folder `<cache>/models--owner--name` itself, which means the snapshot
 * `refs/main` points at.
 */
export function detectHfCacheSnapshot(path: string): HfCacheSnapshot | undefined {
  const repoMatch = REPO_DIR.exec(basename(path));
  if (repoMatch) {
    const sha = readRef(join(path, "refs", "main"));
    const snapshotDir = sha ? join(path, "snapshots", sha) : undefined;
    return snapshotDir && existsSync(snapshotDir) ? detectHfCacheSnapshot(snapshotDir) : undefined;
  }
  const sha = basename(path);
  const snapshots = dirname(path);
  const repoDir = dirname(snapshots);
  const m = REPO_DIR.exec(basename(repoDir));
  if (!COMMIT.test(sha) || basename(snapshots) !== "snapshots" || !m?.[1] || !m[2]) return undefined;
  return { repoDir, repoId: `${m[1]}/${m[2]}`, commitSha: sha, snapshotDir: path, refs: refsPointingAt(repoDir, sha) };
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

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export async function resolveHfCacheSource(params: SourceParams, snap: HfCacheSnapshot): Promise<ResolvedSource> {
  const files = await listLocalFiles(snap.snapshotDir, snap.repoDir);
  // listLocalFiles gives real paths; compare with the real blobs folder (the cache path itself may go through a symlink).
  const blobsDir = realpathOr(join(snap.repoDir, "blobs")) + sep;
  const published = new Map<string, PublishedHashes>();
  for (const f of files) {
    let link: string | undefined;
    try {
      link = readlinkSync(join(snap.snapshotDir, ...f.path.split("/")));
    } catch {
      link = undefined;
    }
    // Only a snapshot symlink into blobs/ carries a published hash: a regular file or a link
    // elsewhere in the repo folder is scanned but stays unverifiable.
    const p = link && f.absPath.startsWith(blobsDir) ? publishedFromBlobName(f.absPath) : undefined;
    if (p) published.set(f.path, p);
  }
  const owner = snap.repoId.split("/")[0] ?? snap.repoId;
  const revision = snap.refs.includes("main") ? "main" : (snap.refs[0] ?? snap.commitSha);
  return resolveLocalSource({
    input: params.target,
    path: snap.snapshotDir,
    allowedRoot: snap.repoDir,
    published,
    target: { kind: "hf-cache", repoId: snap.repoId, commitSha: snap.commitSha, revision },
    facts: [fact("source.model", { repoId: snap.repoId, owner, commitSha: snap.commitSha, revision })],
  });
}
