import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import pLimit from "p-limit";
import { AccessError, SourceError, errorMessage } from "../errors.js";
import { FileByteSource, MemoryByteSource } from "../io/byte-source.js";
import { fact, type Fact } from "../types/fact.js";
import type { RepoFile, ResolvedSource, ScanTarget, SourcedArtifact } from "../types/source.js";
import { cacheLayout, isSafeRepoPath, readRef, writeRef, type CacheLayout } from "./download/cache-layout.js";
import { fetchVerified } from "./download/fetch-verified.js";
import { RangedByteSource } from "./download/ranged-byte-source.js";
import { FileFetchError, openRemoteFile } from "./download/remote-file.js";
import { createHubApi } from "./hub-api.js";
import { createHubClient, toSourceError, type HubClient } from "./hub-client.js";
import { fetchRepoMetadata } from "./hub-metadata.js";
import { hubCacheDir, hubConnection, type SourceParams } from "./source-params.js";
import { detectHfCacheSnapshot, resolveHfCacheSource } from "./hf-cache.js";
import "./hub-facts.js";

const DEFAULT_DOWNLOAD_CONCURRENCY = 8;

interface Settled {
  artifact?: SourcedArtifact;
  error?: unknown;
}

function unreadable(file: RepoFile, message: string): SourcedArtifact {
  // Reports put the path beside the reason; download errors start with it too.
  const reason = message.startsWith(`${file.path}: `) ? message.slice(file.path.length + 2) : message;
  const a: SourcedArtifact = { ref: { path: file.path }, source: new MemoryByteSource(new Uint8Array(0)), origin: "hub", unreadable: reason };
  if (file.published) a.published = file.published;
  return a;
}

interface FileContext {
  client: HubClient;
  layout: CacheLayout;
  commit: string;
  params: SourceParams;
  signal: AbortSignal;
  transferred: Map<string, number>;
  facts: Fact[];
}

/** One repo file → an artifact: downloaded and verified, ranged (metadata-only), or unreadable. */
async function produce(file: RepoFile, c: FileContext): Promise<SourcedArtifact> {
  const count = (n: number): void => {
    c.transferred.set(file.path, (c.transferred.get(file.path) ?? 0) + n);
  };
  // Every Hub file reports what it cost on the wire, 0 included (served from the cache, or never read).
  count(0);
  c.signal.throwIfAborted();
  if (!isSafeRepoPath(file.path)) return unreadable(file, `refused path "${file.path}": it could escape the cache folder`);
  const published = file.published ?? { size: file.size };
  try {
    if (c.params.metadataOnly) {
      // One small request per file up front: a missing file or a gated download shows here, not as a sniff failure.
      const remote = await openRemoteFile(c.client, file.path, c.commit);
      return { ref: { path: file.path }, source: new RangedByteSource(remote, file.size, count), origin: "hub", published };
    }
    const got = await fetchVerified({
      client: c.client,
      layout: c.layout,
      commit: c.commit,
      path: file.path,
      published,
      signal: c.signal,
      onTransferred: count,
      onProgress: (bytes, total, done) => c.params.onProgress?.({ path: file.path, bytes, total, done }),
      onCacheCorrupted: (info) => c.facts.push(fact("source.cache-corrupted", { path: file.path, ...info }, { path: file.path })),
    });
    const source = new FileByteSource(got.localPath, got.digest.size);
    return {
      ref: { path: file.path },
      source,
      origin: "hub",
      published,
      digest: got.digest,
      localPath: got.localPath,
      close: async () => {
        try {
          await source.close();
        } finally {
          // A mismatched download lives in a temp file; it goes whatever happened to the handle.
          if (got.temporary) await rm(got.localPath, { force: true });
        }
      },
    };
  } catch (e) {
    if (c.signal.aborted) throw e;
    const denied = c.client.denied;
    if (denied) throw accessError(c.client, denied.status);
    const code = (e as { code?: unknown }).code;
    if (code === "ENOSPC" || code === "EACCES" || code === "EROFS" || code === "EPERM") {
      throw new SourceError(`cannot write the Hub cache at ${c.layout.repoDir}: ${errorMessage(e)} (set HF_HUB_CACHE)`, { cause: e });
    }
    if (e instanceof FileFetchError) return unreadable(file, e.message);
    const mapped = toSourceError(c.client, e, { repoId: c.client.repoId, revision: c.commit, what: file.path });
    if (mapped instanceof AccessError) throw mapped;
    return unreadable(file, mapped.message);
  }
}

function accessError(client: HubClient, status: number): AccessError {
  const hint = client.tokenGiven ? "the token given has no access to its files" : "no token was given (set HF_TOKEN or --token)";
  return new AccessError(`${client.repoId}: the Hub refused the file downloads (HTTP ${status}): ${hint}`, { status });
}

/** HF_HUB_OFFLINE: the snapshot the cache's refs/<revision> points to, read like any cache snapshot. */
async function resolveOffline(params: SourceParams, ref: { repoId: string; revision: string }, hubUrl: string, cacheDir: string): Promise<ResolvedSource> {
  const layout = cacheLayout(cacheDir, ref.repoId);
  const commit = await readRef(layout, ref.revision);
  const snapshotDir = commit ? layout.snapshotDir(commit) : undefined;
  if (!commit || !snapshotDir) {
    throw new SourceError(`${ref.repoId}@${ref.revision}: HF_HUB_OFFLINE is set and this revision is not in the cache at ${cacheDir} (download it once online, or unset HF_HUB_OFFLINE)`);
  }
  const snap = existsSync(snapshotDir) ? detectHfCacheSnapshot(snapshotDir) : undefined;
  if (!snap) throw new SourceError(`${ref.repoId}@${ref.revision}: HF_HUB_OFFLINE is set and the cached snapshot ${commit} is missing from ${cacheDir}`);
  let resolved: ResolvedSource;
  try {
    resolved = await resolveHfCacheSource(params, snap);
  } catch (e) {
    throw new SourceError(`${ref.repoId}@${ref.revision}: HF_HUB_OFFLINE is set and the cached snapshot ${commit} cannot be read: ${errorMessage(e)}`, { cause: e });
  }
  resolved.target = { ...resolved.target, kind: "hub", input: params.target, repoId: ref.repoId, revision: ref.revision, commitSha: commit, hubUrl };
  // The cache knows only names and the commit; say so rather than invent gating or dates.
  resolved.facts = [
    ...resolved.facts.filter((f) => f.kind !== "source.model"),
    fact("source.model", { hubUrl, repoId: ref.repoId, owner: ref.repoId.split("/")[0] ?? "", revision: ref.revision, commitSha: commit }),
  ];
  return resolved;
}

/**
 * A Hub repo at a revision: metadata and the file list at the commit the revision resolves to,
 * then every file downloaded once (in parallel, resumable, verified while streamed) into the HF
 * cache, or read by ranges with --metadata-only.
 */
export async function resolveHubSource(params: SourceParams, ref: { repoId: string; revision: string }): Promise<ResolvedSource> {
  const base = hubConnection(params);
  const hubUrl = base.hubUrl;
  const cacheDir = hubCacheDir(params);
  if (params.offline) return resolveOffline(params, ref, hubUrl, cacheDir);
  const client = createHubClient({ ...base, repoId: ref.repoId });
  const meta = await fetchRepoMetadata(client, ref.revision);
  const layout = cacheLayout(cacheDir, ref.repoId);
  if (!params.metadataOnly) {
    try {
      await writeRef(layout, ref.revision, meta.commitSha);
    } catch (e) {
      throw new SourceError(`cannot write the Hub cache at ${cacheDir}: ${errorMessage(e)} (set HF_HUB_CACHE)`, { cause: e });
    }
  }
  const target: ScanTarget = { kind: "hub", input: params.target, repoId: ref.repoId, revision: ref.revision, commitSha: meta.commitSha, hubUrl };
  const facts: Fact[] = [fact("source.model", meta.source)];
  const transferred = new Map<string, number>();
  return {
    target,
    files: meta.files,
    facts,
    hub: params.session ? (params.session.hubApi ??= createHubApi(base)) : createHubApi(base),
    bytesTransferred: () => new Map(transferred),
    async *artifacts(): AsyncIterable<SourcedArtifact> {
      const ac = new AbortController();
      const onAbort = (): void => ac.abort(params.signal?.reason);
      params.signal?.addEventListener("abort", onAbort, { once: true });
      const ctx: FileContext = { client, layout, commit: meta.commitSha, params, signal: ac.signal, transferred, facts };
      const limit = params.session?.downloads ?? pLimit(Math.max(1, params.downloadConcurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY));
      // The first failure is the cause; the downloads it aborts fail with abort errors that must not mask it.
      let cause: { error: unknown } | undefined;
      const pending: Promise<Settled>[] = meta.files.map((f) =>
        limit(() => produce(f, ctx)).then(
          (artifact) => ({ artifact }),
          (error: unknown) => {
            cause ??= { error };
            ac.abort();
            return { error };
          },
        ),
      );
      let next = 0;
      try {
        for (; next < pending.length; next++) {
          const settled = await pending[next]!;
          if (settled.error !== undefined) throw cause ? cause.error : settled.error;
          if (settled.artifact) yield settled.artifact;
        }
      } finally {
        params.signal?.removeEventListener("abort", onAbort);
        if (next < pending.length) {
          ac.abort();
          for (const p of pending.slice(next + 1)) await (await p).artifact?.close?.();
        }
      }
    },
  };
}
