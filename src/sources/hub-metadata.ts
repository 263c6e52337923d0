import { listFiles, modelInfo, type ListFileEntry } from "@huggingface/hub";
import { SourceError } from "../errors.js";
import { MAX_FOLDER_FILES } from "../limits.js";
import type { PublishedHashes } from "../types/artifact.js";
import type { ModelSourceInfo } from "../types/report.js";
import type { RepoFile } from "../types/source.js";
import { hubErrorInfo, toSourceError, type HubClient } from "./hub-client.js";

export interface RepoMetadata {
  commitSha: string;
  source: ModelSourceInfo;
  files: RepoFile[];
}

const COMMIT = /^[0-9a-f]{40}$/;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `securityRepoStatus` as the Hub sends it (HUB-API.md §5); anything else is dropped. */
export function parseRepoSecurity(v: unknown): ModelSourceInfo["hubSecurity"] | undefined {
  if (!isRecord(v)) return undefined;
  const list = Array.isArray(v["filesWithIssues"]) ? v["filesWithIssues"] : [];
  const filesWithIssues = list.flatMap((x) => (isRecord(x) && typeof x["path"] === "string" ? [{ path: x["path"], level: String(x["level"] ?? "unknown") }] : []));
  return typeof v["scansDone"] === "boolean" ? { scansDone: v["scansDone"], filesWithIssues } : { filesWithIssues };
}

/** The Hub's per-file scanner verdict: current `securityFileStatus.status`, or the older `security.safe`. */
export function fileSecurityStatus(entry: ListFileEntry & { security?: unknown }): string | undefined {
  const s = entry.securityFileStatus;
  if (isRecord(s) && typeof s["status"] === "string") return s["status"];
  const old = entry.security;
  if (isRecord(old) && typeof old["safe"] === "boolean") return old["safe"] ? "safe" : "unsafe";
  return undefined;
}

export function toRepoFile(entry: ListFileEntry & { security?: unknown }): RepoFile {
  const published: PublishedHashes = { size: entry.size, lfs: Boolean(entry.lfs) };
  if (entry.lfs?.oid) published.sha256 = entry.lfs.oid.toLowerCase();
  if (entry.oid) published.gitSha1 = entry.oid.toLowerCase();
  if (entry.xetHash) published.xetHash = entry.xetHash;
  const file: RepoFile = { path: entry.path, size: entry.size, published };
  const status = fileSecurityStatus(entry);
  if (status) file.hubSecurityStatus = status;
  return file;
}

/** Recursive listing at the pinned commit; `expand` adds securityFileStatus but is costly, so it may be dropped on failure. */
async function listTree(client: HubClient, commit: string, expand: boolean): Promise<RepoFile[]> {
  const out: RepoFile[] = [];
  for await (const entry of listFiles({ repo: client.repo, revision: commit, recursive: true, expand, hubUrl: client.hubUrl, fetch: client.fetch })) {
    if (entry.type !== "file") continue;
    out.push(toRepoFile(entry));
    // A hostile endpoint could page forever: directory bomb, CWE-400.
    if (out.length > MAX_FOLDER_FILES) throw new SourceError(`${client.repoId}: more than ${MAX_FOLDER_FILES} files listed; refusing to scan`);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function repoSecurity(client: HubClient, commit: string): Promise<ModelSourceInfo["hubSecurity"] | undefined> {
  // @huggingface/hub has no securityStatus option, and the Hub refuses it combined with expand.
  try {
    const res = await client.fetch(`${client.hubUrl}/api/models/${client.repoId}/revision/${commit}?securityStatus=1`, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const body: unknown = await res.json();
    return isRecord(body) ? parseRepoSecurity(body["securityRepoStatus"]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the branch or tag to a commit SHA once (model info), then lists the tree and reads the
 * repo security status at that SHA, so a push during the scan cannot mix two revisions.
 */
export async function fetchRepoMetadata(client: HubClient, revision: string): Promise<RepoMetadata> {
  const ctx = { repoId: client.repoId, revision };
  let info;
  try {
    info = await modelInfo({
      name: client.repoId,
      revision,
      hubUrl: client.hubUrl,
      fetch: client.fetch,
      additionalFields: ["sha", "author", "createdAt", "library_name", "tags", "cardData", "config", "disabled"],
    });
  } catch (e) {
    throw toSourceError(client, e, { ...ctx, what: "model info" });
  }
  const commitSha = str(info.sha)?.toLowerCase();
  if (!commitSha || !COMMIT.test(commitSha)) throw new SourceError(`${client.repoId}@${revision}: the Hub did not give a commit SHA for this revision`);
  // A pinned commit must come back as itself: a mirror or proxy answering with another commit would
  // have the scan vouch for bytes the user never asked about.
  if (COMMIT.test(revision.toLowerCase()) && commitSha !== revision.toLowerCase()) {
    throw new SourceError(`${client.repoId}: asked for commit ${revision} but ${client.hubUrl} answered with commit ${commitSha}`);
  }
  let files: RepoFile[];
  try {
    files = await listTree(client, commitSha, true);
  } catch (e) {
    const status = hubErrorInfo(client, e)?.status;
    if (e instanceof SourceError || status === undefined || status < 500) throw toSourceError(client, e, { ...ctx, what: "file list" });
    try {
      files = await listTree(client, commitSha, false);
    } catch (e2) {
      throw toSourceError(client, e2, { ...ctx, what: "file list" });
    }
  }
  const source: ModelSourceInfo = {
    hubUrl: client.hubUrl,
    repoId: client.repoId,
    owner: str(info.author) ?? client.repoId.split("/")[0] ?? "",
    revision,
    commitSha,
    gated: info.gated ?? false,
    private: Boolean(info.private),
  };
  if (typeof info.disabled === "boolean") source.disabled = info.disabled;
  const createdAt = info.createdAt as unknown;
  if (typeof createdAt === "string") source.createdAt = createdAt;
  if (!Number.isNaN(info.updatedAt.getTime())) source.lastModified = info.updatedAt.toISOString();
  const lib = str(info.library_name);
  if (lib) source.libraryName = lib;
  const task = str(info.task);
  if (task) source.pipelineTag = task;
  if (Array.isArray(info.tags)) source.tags = info.tags.filter((t): t is string => typeof t === "string");
  const security = await repoSecurity(client, commitSha);
  if (security) source.hubSecurity = security;
  return { commitSha, source, files };
}
