import type { LimitFunction } from "p-limit";
import type { HubApi } from "../types/hub-api.js";
import { DEFAULT_HUB_URL, hfEnvironment } from "./hf-env.js";

/**
 * What every source needs to know, in one module each source imports and none of them defines:
 * `resolve.ts` dispatches to the sources, so a source importing its parameters from there made an
 * import circle (resolve ↔ against ↔ hf-cache ↔ hub).
 */

export interface ProgressEvent {
  path: string;
  bytes: number;
  total: number;
  done: boolean;
}

/**
 * What the scans of one many-target run share, so a model's base model or dataset is asked for
 * once per run and downloads from all targets queue in one limit.
 */
export interface SourceSession {
  /** Hub metadata answers (lineage, datasets), memoised for the run; created by the first Hub-backed source. */
  hubApi?: HubApi;
  /** Downloads (and remote opens with --metadata-only) in flight across all targets. */
  downloads?: LimitFunction;
}

export interface SourceParams {
  /** `owner/name[@rev]`, `hf://owner/name[@rev]`, a folder, a file, or an HF cache snapshot. */
  target: string;
  revision?: string;
  token?: string;
  /** Hub base URL (HF_ENDPOINT). */
  hubUrl?: string;
  /** HF_HUB_OFFLINE: no network; Hub targets must come from the cache. */
  offline?: boolean;
  /** Hub cache folder (HF_HUB_CACHE). */
  cacheDir?: string;
  /** `owner/name@revision` whose published hashes local files are compared with. */
  against?: string;
  /** Read only headers and metadata over ranged requests; no full download. */
  metadataOnly?: boolean;
  /** Parallel downloads (default 8). */
  downloadConcurrency?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  onProgress?: (e: ProgressEvent) => void;
  /** Shared with the other targets of a many-target run. */
  session?: SourceSession;
}

/** The Hub endpoint and credentials a Hub-backed source talks with. */
export interface HubConnection {
  hubUrl: string;
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The Hub URL and credentials from the params, falling back to the HF environment variables. */
export function hubConnection(params: SourceParams): HubConnection {
  const hubUrl = (params.hubUrl ?? hfEnvironment().hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  return { hubUrl, ...(params.token ? { token: params.token } : {}), ...(params.fetch ? { fetch: params.fetch } : {}), ...(params.signal ? { signal: params.signal } : {}) };
}

/** The Hub cache folder from the params, else HF_HUB_CACHE / HF_HOME. */
export function hubCacheDir(params: SourceParams): string {
  return params.cacheDir ?? hfEnvironment().cacheDir;
}
