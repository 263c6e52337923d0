import { modelInfo } from "@huggingface/hub";
import { treeAt } from "../diff/revision-tree.js";
import { SourceError } from "../errors.js";
import { createHubClient, hubErrorInfo, toSourceError, type HubClient } from "../sources/hub-client.js";
import type { RepoFile } from "../types/source.js";
import type { LockedModel } from "./lock-file.js";

export interface HubParams {
  hubUrl: string;
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** What the Hub says now about one locked model. Several can hold at once (renamed and moved). */
export type HubObservation =
  | { state: "renamed"; to: string }
  | { state: "now-gated"; gated: "auto" | "manual" | "restricted" }
  | { state: "now-private" }
  | { state: "deleted" }
  | { state: "revision-deleted" }
  | { state: "moved"; to: string }
  | { state: "rewritten"; head?: string }
  | { state: "files-differ"; paths: string[] };

export interface HubState {
  /** The repo id the Hub answers under now (differs after a rename). */
  currentId: string;
  /** The commit the locked revision points at now, when it still resolves. */
  head?: string;
  observations: HubObservation[];
}

const COMMIT = /^[0-9a-f]{40}$/;

interface Info {
  name: string;
  sha?: string;
  gated: false | "auto" | "manual";
  private: boolean;
}

type InfoAnswer = { ok: true; info: Info } | { ok: false; code: "gated" | "repo-missing" | "revision-missing"; error: SourceError };

async function info(client: HubClient, revision: string): Promise<InfoAnswer> {
  try {
    const got = await modelInfo({ name: client.repoId, revision, hubUrl: client.hubUrl, fetch: client.fetch, additionalFields: ["sha"] });
    const out: Info = { name: got.name, gated: got.gated ?? false, private: Boolean(got.private) };
    if (typeof got.sha === "string") out.sha = got.sha.toLowerCase();
    return { ok: true, info: out };
  } catch (e) {
    const err = toSourceError(client, e, { repoId: client.repoId, revision, what: "model info" });
    const i = hubErrorInfo(client, e);
    if (!i) throw err;
    if (i.code === "GatedRepo") return { ok: false, code: "gated", error: err };
    if (i.code === "RevisionNotFound") return { ok: false, code: "revision-missing", error: err };
    if (i.code === "RepoNotFound" || i.status === 404 || (i.status === 401 && !client.tokenGiven)) return { ok: false, code: "repo-missing", error: err };
    // 5xx after retries, 403 with a token, anything else: the state is unknown, never "unchanged".
    throw err;
  }
}

/** Paths whose published size or hashes differ from the lock, plus files only one side has. */
export function filesDiffering(locked: LockedModel["files"], now: readonly RepoFile[]): string[] {
  const byPath = new Map(now.map((f) => [f.path, f]));
  const out = new Set<string>();
  for (const f of locked) {
    const n = byPath.get(f.path);
    byPath.delete(f.path);
    if (!n) {
      out.add(f.path);
      continue;
    }
    const p = n.published;
    if (n.size !== f.size || (f.sha256 && p?.sha256 && p.sha256 !== f.sha256) || (f.gitSha1 && p?.gitSha1 && p.gitSha1 !== f.gitSha1)) out.add(f.path);
  }
  for (const p of byPath.keys()) out.add(p);
  return [...out].sort();
}

/**
 * Asks the Hub about one locked model, metadata only: where its revision points now, whether the
 * locked commit still exists, and whether the repo was renamed, deleted, gated or made private.
 * Throws SourceError when the Hub cannot be asked (unreachable, 5xx, no access to a repo that was
 * already gated when locked): a check that could not look must never read as "unchanged".
 */
export async function observeHub(model: LockedModel, params: HubParams): Promise<HubState> {
  const base = { hubUrl: params.hubUrl, ...(params.token ? { token: params.token } : {}), ...(params.fetch ? { fetch: params.fetch } : {}), ...(params.signal ? { signal: params.signal } : {}) };
  let client = createHubClient({ ...base, repoId: model.id });
  const observations: HubObservation[] = [];
  const first = await info(client, model.revision);
  if (!first.ok) {
    if (first.code === "repo-missing") return { currentId: model.id, observations: [{ state: "deleted" }] };
    if (first.code === "gated") {
      // Gated when locked: the locked state cannot be compared without access, which is an error, not drift.
      if (model.gated) throw first.error;
      return { currentId: model.id, observations: [{ state: "now-gated", gated: "restricted" }] };
    }
  }
  let now: Info | undefined = first.ok ? first.info : undefined;
  // The Hub follows a rename with a redirect: the answer names the repo's new id.
  const currentId = now && now.name && now.name !== model.id ? now.name : model.id;
  if (currentId !== model.id) {
    observations.push({ state: "renamed", to: currentId });
    client = createHubClient({ ...base, repoId: currentId });
  }
  if (now) {
    if (now.gated && !model.gated) observations.push({ state: "now-gated", gated: now.gated });
    if (now.private && !model.private) observations.push({ state: "now-private" });
    if (!now.sha || !COMMIT.test(now.sha)) throw new SourceError(`${currentId}@${model.revision}: the Hub did not give a commit SHA for this revision`);
  } else if (model.revision !== model.commit) observations.push({ state: "revision-deleted" });
  const head = now?.sha;
  if (head !== model.commit) {
    const locked = await info(client, model.commit);
    if (!locked.ok && locked.code === "revision-missing") {
      observations.push(head ? { state: "rewritten", head } : { state: "rewritten" });
      return { currentId, ...(head ? { head } : {}), observations };
    }
    if (!locked.ok) throw locked.error;
    if (head) observations.push({ state: "moved", to: head });
  }
  // The locked commit still exists: its tree must still be the locked one (a mirror or proxy could answer otherwise).
  const differing = filesDiffering(model.files, await treeAt(client, model.commit));
  if (differing.length > 0) observations.push({ state: "files-differ", paths: differing });
  return { currentId, ...(head ? { head } : {}), observations };
}
