import { existsSync } from "node:fs";
import { ConfigError, SourceError } from "../errors.js";
import type { PublishedHashes } from "../types/artifact.js";
import { fact, type Fact } from "../types/fact.js";
import type { ModelSourceInfo } from "../types/report.js";
import type { RepoFile, ResolvedSource } from "../types/source.js";
import { cacheLayout, readRef } from "./download/cache-layout.js";
import { detectHfCacheSnapshot, resolveHfCacheSource } from "./hf-cache.js";
import { createHubApi } from "./hub-api.js";
import { createHubClient } from "./hub-client.js";
import { fetchRepoMetadata } from "./hub-metadata.js";
import { parseHubRef } from "./hub-ref.js";
import { resolveLocalSource } from "./local-dir.js";
import { hubCacheDir, hubConnection, type SourceParams } from "./source-params.js";
import "./hub-facts.js";

interface PublishedTree {
  commitSha: string;
  source: ModelSourceInfo;
  files: RepoFile[];
}

/** HF_HUB_OFFLINE: the cached snapshot of that revision stands in for the tree (blob names are the published hashes). */
async function cachedTree(params: SourceParams, repoId: string, revision: string, hubUrl: string, cacheDir: string): Promise<PublishedTree> {
  const layout = cacheLayout(cacheDir, repoId);
  const commit = await readRef(layout, revision);
  const snap = commit && existsSync(layout.snapshotDir(commit)) ? detectHfCacheSnapshot(layout.snapshotDir(commit)) : undefined;
  if (!commit || !snap) {
    throw new SourceError(`--against ${repoId}@${revision}: HF_HUB_OFFLINE is set and this revision is not in the cache at ${cacheDir}`);
  }
  const cached = await resolveHfCacheSource(params, snap);
  return { commitSha: commit, source: { hubUrl, repoId, owner: repoId.split("/")[0] ?? "", revision, commitSha: commit }, files: cached.files };
}

/** Hub files absent locally, and local files absent from the Hub, as facts for the SRC checks. */
function compare(local: readonly RepoFile[], hub: readonly RepoFile[], repoId: string, commitSha: string, singleFile: boolean): Fact[] {
  const localPaths = new Set(local.map((f) => f.path));
  const hubPaths = new Set(hub.map((f) => f.path));
  const out: Fact[] = [];
  // A single local file is compared with its namesake only; the rest of the repo is not "missing".
  if (!singleFile) {
    for (const f of hub) if (!localPaths.has(f.path)) out.push(fact("source.against-missing", { path: f.path, size: f.size, repoId, commitSha }, { path: f.path }));
  }
  for (const f of local) if (!hubPaths.has(f.path)) out.push(fact("source.against-extra", { path: f.path, size: f.size, repoId, commitSha }, { path: f.path }));
  return out;
}

/**
 * `--against owner/name@revision` on a local folder: "are these the bytes the Hub has?". Each local
 * file gets the Hub's published hashes for its path at the revision's commit (so the scan verifies
 * it exactly like a download), and files only on one side become findings.
 */
export async function resolveAgainst(params: SourceParams, path: string): Promise<ResolvedSource> {
  const ref = params.against ? parseHubRef(params.against) : undefined;
  if (!ref) throw new ConfigError(`--against "${params.against ?? ""}" is not a Hub reference of the form owner/name[@revision]`);
  const revision = ref.revision ?? params.revision ?? "main";
  const base = hubConnection(params);
  const hubUrl = base.hubUrl;
  const tree: PublishedTree = params.offline
    ? await cachedTree(params, ref.repoId, revision, hubUrl, hubCacheDir(params))
    : await fetchRepoMetadata(createHubClient({ ...base, repoId: ref.repoId }), revision);

  const published = new Map<string, PublishedHashes>();
  const status = new Map<string, string>();
  for (const f of tree.files) {
    if (f.published) published.set(f.path, f.published);
    if (f.hubSecurityStatus) status.set(f.path, f.hubSecurityStatus);
  }
  const local = await resolveLocalSource({
    input: params.target,
    path,
    published,
    target: { against: { repoId: ref.repoId, revision, commitSha: tree.commitSha }, hubUrl },
    facts: [fact("source.model", tree.source)],
  });
  for (const f of local.files) {
    const s = status.get(f.path);
    if (s) f.hubSecurityStatus = s;
  }
  local.facts.push(...compare(local.files, tree.files, ref.repoId, tree.commitSha, local.target.kind === "local-file"));
  if (!params.offline) local.hub = params.session ? (params.session.hubApi ??= createHubApi(base)) : createHubApi(base);
  return local;
}
