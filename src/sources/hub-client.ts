import { HubApiError, InvalidApiResponseFormatError, type RepoDesignation } from "@huggingface/hub";
import { AccessError, SourceError, errorMessage } from "../errors.js";
import { retryingFetch } from "./download/retry.js";

/** Hub answers to an error: status plus the machine-readable `X-Error-Code` (HUB-API.md §6). */
export interface HubErrorInfo {
  status: number;
  code?: string;
}

/** The server answered 200 to a Range request: resuming from there would corrupt the file. */
export class RangeNotHonouredError extends Error {}

export interface HubClientParams {
  hubUrl: string;
  repoId: string;
  kind?: "model" | "dataset";
  token?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface HubClient {
  readonly hubUrl: string;
  readonly repoId: string;
  readonly repo: RepoDesignation;
  readonly tokenGiven: boolean;
  /** Retrying fetch that adds the token for the Hub's own origin only. Hand it to every library call. */
  readonly fetch: typeof fetch;
  /** The error code the Hub sent with the last failed answer for this URL. */
  errorFor(url: string): HubErrorInfo | undefined;
  /** The last 401/403 seen on a file route: a whole-repo access problem, not one file's. */
  readonly denied: HubErrorInfo | undefined;
}

function requestUrl(input: string | URL | Request): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

/**
 * The client every Hub call goes through. The token is attached by this fetch (not passed to the
 * library as `accessToken`) for two reasons: it is only ever sent to the Hub's own origin, never to
 * a CDN a redirect points at, and the library rejects tokens without the `hf_` prefix that
 * self-hosted Hub-compatible endpoints issue.
 */
export function createHubClient(params: HubClientParams): HubClient {
  const hubOrigin = new URL(params.hubUrl).origin;
  const errors = new Map<string, HubErrorInfo>();
  let denied: HubErrorInfo | undefined;
  const base = params.fetch ?? globalThis.fetch;
  const authorised = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = requestUrl(input);
    const headers = new Headers(init?.headers);
    if (params.token && new URL(url).origin === hubOrigin) headers.set("Authorization", `Bearer ${params.token}`);
    const res = await base(input, { ...init, headers });
    if (!res.ok) {
      const code = res.headers.get("x-error-code") ?? undefined;
      const info: HubErrorInfo = code ? { status: res.status, code } : { status: res.status };
      errors.set(res.url || url, info);
      errors.set(url, info);
      if ((res.status === 401 || res.status === 403) && /\/(resolve|raw)\//.test(new URL(url).pathname)) denied = info;
    } else if (res.status === 200 && headers.has("range") && headers.get("range") !== "bytes=0-0") {
      // The library's own size probe (bytes=0-0) never reads the body; every other ranged read would
      // otherwise receive the whole file in place of a slice.
      await res.body?.cancel().catch(() => undefined);
      throw new RangeNotHonouredError(`the server ignored the Range request for ${new URL(url).pathname}`);
    }
    return res;
  }) as typeof fetch;
  const kind = params.kind ?? "model";
  return {
    hubUrl: params.hubUrl,
    repoId: params.repoId,
    repo: { type: kind, name: params.repoId },
    tokenGiven: Boolean(params.token),
    fetch: retryingFetch({ fetch: authorised, ...(params.signal ? { signal: params.signal } : {}) }),
    errorFor: (url) => errors.get(url),
    get denied() {
      return denied;
    },
  };
}

export interface ErrorContext {
  repoId: string;
  revision?: string;
  kind?: "model" | "dataset";
  /** What was being done, for the message: "model info", "file list", "config.json". */
  what: string;
}

/** The HTTP status and Hub error code behind a library error, if any. */
export function hubErrorInfo(client: HubClient, e: unknown): HubErrorInfo | undefined {
  if (!(e instanceof HubApiError)) return undefined;
  return client.errorFor(e.url) ?? { status: e.statusCode };
}

/**
 * Maps a failed Hub call to modelgate's errors: gated/forbidden → AccessError, missing repo or
 * revision → SourceError, network failure after retries → SourceError. Messages never contain the
 * token (the library's own messages carry only the URL and request id).
 */
export function toSourceError(client: HubClient, e: unknown, ctx: ErrorContext): SourceError {
  if (e instanceof SourceError) return e;
  const kindName = ctx.kind ?? "model";
  const where = `${client.hubUrl}/${kindName === "dataset" ? "datasets/" : ""}${ctx.repoId}`;
  const tokenHint = client.tokenGiven ? "the token given has no access to it" : "no token was given (set HF_TOKEN or --token)";
  const info = hubErrorInfo(client, e);
  if (info) {
    const rev = ctx.revision ? `@${ctx.revision}` : "";
    if (info.code === "GatedRepo") {
      return new AccessError(`${ctx.repoId} is a gated ${kindName}: ${tokenHint}. Request access at ${where} and use a token of an account that was granted access.`, { cause: e, status: info.status });
    }
    if (info.code === "RevisionNotFound") return new SourceError(`${ctx.repoId}: revision "${ctx.revision ?? ""}" not found on ${client.hubUrl}`, { cause: e, status: info.status });
    if (info.code === "RepoNotFound" || (info.status === 401 && !client.tokenGiven) || info.status === 404) {
      if (info.code === "EntryNotFound") return new SourceError(`${ctx.repoId}${rev}: ${ctx.what} not found`, { cause: e, status: info.status });
      const privateHint = client.tokenGiven ? "or it is private and the token given has no access" : "or it is private and no token was given: set HF_TOKEN or --token";
      return new SourceError(`${ctx.repoId}: ${kindName} repository not found on ${client.hubUrl} (${privateHint})`, { cause: e, status: info.status });
    }
    if (info.status === 401 || info.status === 403) {
      return new AccessError(`${ctx.repoId}: access denied (HTTP ${info.status}) while fetching ${ctx.what}: ${tokenHint}`, { cause: e, status: info.status });
    }
    return new SourceError(`${ctx.repoId}${rev}: ${ctx.what}: the Hub answered HTTP ${info.status} after retries`, { cause: e, status: info.status });
  }
  if (e instanceof InvalidApiResponseFormatError) return new SourceError(`${ctx.repoId}: ${ctx.what}: unexpected answer from ${client.hubUrl}: ${e.message}`, { cause: e });
  const cause = (e as { cause?: unknown } | undefined)?.cause;
  const detail = cause instanceof Error ? `${errorMessage(e)} (${cause.message})` : errorMessage(e);
  return new SourceError(`${ctx.repoId}: ${ctx.what}: cannot reach ${client.hubUrl}: ${detail}`, { cause: e });
}
