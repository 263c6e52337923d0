import { MAX_HTTP_RETRIES, MAX_RETRY_DELAY_MS } from "../../limits.js";

/** First backoff step; doubled per attempt, with jitter so parallel downloads do not retry in lockstep. */
const BASE_DELAY_MS = 250;

/** 408/425/429 and 5xx are worth another try; 4xx otherwise means the request itself is wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}

/** Network failures (reset, refused, DNS hiccup, body cut): undici reports them as TypeError or with a syscall code. */
export function isRetryableError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e.name === "AbortError" || e.name === "TimeoutError") return false;
  const code = (e as { code?: unknown }).code ?? (e.cause as { code?: unknown } | undefined)?.code;
  // A name that does not resolve will not resolve in a second either; EAI_AGAIN is the transient one.
  if (code === "ENOTFOUND") return false;
  if (typeof code === "string" && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(code)) return true;
  // undici reports a dropped connection or cut body as TypeError("fetch failed" / "terminated").
  return e instanceof TypeError;
}

/** `Retry-After` as seconds or an HTTP date, capped so a hostile server cannot stall the scan. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_DELAY_MS, Math.max(0, ms));
}

export function backoffMs(attempt: number): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryingFetchOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  retries?: number;
  /** Called before each wait, for logs and tests. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * A `fetch` that retries 429/5xx answers and connection failures with bounded exponential backoff
 * (honouring Retry-After). It only covers getting the response head: a body cut later is the
 * downloader's to resume. Every request modelgate sends is idempotent (GET/HEAD, paths-info POST).
 */
export function retryingFetch(options: RetryingFetchOptions = {}): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  const retries = options.retries ?? MAX_HTTP_RETRIES;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? options.signal;
    for (let attempt = 0; ; attempt++) {
      let delay: number;
      let reason: string;
      try {
        const res = await base(input, signal ? { ...init, signal } : init);
        if (!isRetryableStatus(res.status) || attempt >= retries) return res;
        delay = retryAfterMs(res.headers.get("retry-after")) ?? backoffMs(attempt);
        reason = `HTTP ${res.status}`;
        await res.body?.cancel().catch(() => undefined);
      } catch (e) {
        if (!isRetryableError(e) || attempt >= retries || signal?.aborted) throw e;
        delay = backoffMs(attempt);
        reason = e instanceof Error ? e.message : String(e);
      }
      options.onRetry?.({ url, attempt: attempt + 1, delayMs: delay, reason });
      await sleep(delay, signal);
    }
  };
  return wrapped as typeof fetch;
}
