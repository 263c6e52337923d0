import { datasetInfo, downloadFile, modelInfo } from "@huggingface/hub";
import { errorMessage } from "../errors.js";
import { MAX_TEXT_FILE_BYTES } from "../limits.js";
import type { HubApi, HubRepoInfo } from "../types/hub-api.js";
import { createHubClient, hubErrorInfo, toSourceError, type HubClient } from "./hub-client.js";
import { parseHubRef } from "./hub-ref.js";

export interface HubApiParams {
  hubUrl: string;
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

interface RawInfo {
  sha?: string;
  gated?: false | "auto" | "manual";
  private?: boolean;
  cardData?: unknown;
  tags?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

async function readme(client: HubClient, commit: string): Promise<string | undefined> {
  const blob = await downloadFile({ repo: client.repo, path: "README.md", revision: commit, hubUrl: client.hubUrl, fetch: client.fetch });
  if (!blob) return undefined;
  // A card larger than the text bound is read only up to it: memory exhaustion, CWE-400.
  const part = blob.size > MAX_TEXT_FILE_BYTES ? blob.slice(0, MAX_TEXT_FILE_BYTES) : blob;
  return new TextDecoder().decode(await part.arrayBuffer());
}

async function lookup(params: HubApiParams, kind: "model" | "dataset", repoId: string, revision: string | undefined): Promise<HubRepoInfo> {
  const base: HubRepoInfo = { repoId, kind, found: false };
  // Ids come from model cards (base_model, datasets): never let one become an arbitrary URL path.
  if (!parseHubRef(repoId) || repoId.includes("@") || (revision !== undefined && /[\s\\]|\.\./.test(revision))) {
    return { ...base, error: `"${repoId}" is not a valid Hub repo id` };
  }
  const client = createHubClient({ hubUrl: params.hubUrl, repoId, kind, ...(params.token ? { token: params.token } : {}), ...(params.fetch ? { fetch: params.fetch } : {}), ...(params.signal ? { signal: params.signal } : {}) });
  const common = { name: repoId, hubUrl: params.hubUrl, fetch: client.fetch, ...(revision ? { revision } : {}) };
  let data: RawInfo;
  try {
    data =
      kind === "model"
        ? await modelInfo({ ...common, additionalFields: ["sha", "cardData", "tags"] })
        : await datasetInfo({ ...common, additionalFields: ["sha", "cardData", "tags"] });
  } catch (e) {
    const info = hubErrorInfo(client, e);
    const err = toSourceError(client, e, { repoId, kind, what: `${kind} info`, ...(revision ? { revision } : {}) });
    if (info?.code === "GatedRepo") return { ...base, found: true, gated: "manual", error: err.message };
    return { ...base, error: err.message };
  }
  const out: HubRepoInfo = { ...base, found: true };
  if (typeof data.sha === "string") out.sha = data.sha;
  if (data.gated !== undefined) out.gated = data.gated;
  if (typeof data.private === "boolean") out.private = data.private;
  if (isRecord(data.cardData)) out.cardData = data.cardData;
  if (Array.isArray(data.tags)) out.tags = data.tags.filter((t): t is string => typeof t === "string");
  try {
    const text = await readme(client, out.sha ?? revision ?? "main");
    if (text !== undefined) out.readme = text;
  } catch (e) {
    out.error = `README.md: ${toSourceError(client, e, { repoId, kind, what: "README.md" }).message || errorMessage(e)}`;
  }
  return out;
}

/**
 * Hub metadata for inspectors that follow references (base models, datasets). Never throws for a
 * missing or gated repo: the answer says `found: false` or carries `error`. Answers are memoised
 * per scan so a lineage walk asks the Hub once per repo.
 */
export function createHubApi(params: HubApiParams): HubApi {
  const memo = new Map<string, Promise<HubRepoInfo>>();
  const get = (kind: "model" | "dataset", repoId: string, revision?: string): Promise<HubRepoInfo> => {
    const key = `${kind}:${repoId}@${revision ?? ""}`;
    let p = memo.get(key);
    if (!p) {
      p = lookup(params, kind, repoId, revision).catch((e: unknown) => ({ repoId, kind, found: false, error: errorMessage(e) }));
      memo.set(key, p);
    }
    return p;
  };
  return {
    modelInfo: (repoId, revision) => get("model", repoId, revision),
    datasetInfo: (repoId, revision) => get("dataset", repoId, revision),
  };
}
