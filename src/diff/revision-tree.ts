import { listFiles, modelInfo } from "@huggingface/hub";
import { SourceError } from "../errors.js";
import { MAX_FOLDER_FILES } from "../limits.js";
import { toSourceError, type HubClient } from "../sources/hub-client.js";
import { toRepoFile } from "../sources/hub-metadata.js";
import type { RepoFile } from "../types/source.js";

const COMMIT = /^[0-9a-f]{40}$/;

/** The commit a branch, tag or commit resolves to now (model info, metadata only). */
export async function resolveCommit(client: HubClient, revision: string): Promise<string> {
  let sha: unknown;
  try {
    sha = (await modelInfo({ name: client.repoId, revision, hubUrl: client.hubUrl, fetch: client.fetch, additionalFields: ["sha"] })).sha;
  } catch (e) {
    throw toSourceError(client, e, { repoId: client.repoId, revision, what: "model info" });
  }
  const commit = typeof sha === "string" ? sha.toLowerCase() : "";
  if (!COMMIT.test(commit)) throw new SourceError(`${client.repoId}@${revision}: the Hub did not give a commit SHA for this revision`);
  if (COMMIT.test(revision.toLowerCase()) && commit !== revision.toLowerCase()) throw new SourceError(`${client.repoId}: asked for commit ${revision} but ${client.hubUrl} answered with commit ${commit}`);
  return commit;
}

/** Every file of the tree at a commit with its published hashes, sorted by path. */
export async function treeAt(client: HubClient, commit: string): Promise<RepoFile[]> {
  const out: RepoFile[] = [];
  try {
    for await (const e of listFiles({ repo: client.repo, revision: commit, recursive: true, hubUrl: client.hubUrl, fetch: client.fetch })) {
      if (e.type !== "file") continue;
      out.push(toRepoFile(e));
      // A hostile endpoint could page forever: directory bomb, CWE-400.
      if (out.length > MAX_FOLDER_FILES) throw new SourceError(`${client.repoId}: more than ${MAX_FOLDER_FILES} files listed`);
    }
  } catch (e) {
    throw toSourceError(client, e, { repoId: client.repoId, revision: commit, what: "file list" });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
