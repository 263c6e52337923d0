import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS } from "../../src/limits.js";
import { isRetryableError, isRetryableStatus, retryAfterMs, retryingFetch } from "../../src/sources/download/retry.js";

describe("retry policy", () => {
  it("retries 429 and 5xx but not other client errors", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 416].some(isRetryableStatus)).toBe(false);
  });

  it("retries connection resets but not aborts or unknown host names", () => {
    expect(isRetryableError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(true);
    expect(isRetryableError(new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" }) }))).toBe(true);
    expect(isRetryableError(new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }) }))).toBe(false);
    expect(isRetryableError(new DOMException("aborted", "AbortError"))).toBe(false);
  });

  it("caps Retry-After so a hostile server cannot stall the scan", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("86400")).toBe(MAX_RETRY_DELAY_MS);
    expect(retryAfterMs("soon")).toBeUndefined();
  });

  it("returns the last answer after the bounded number of retries", async () => {
    let calls = 0;
    const fake = (async () => {
      calls++;
      return new Response("busy", { status: 503, headers: { "Retry-After": "0" } });
    }) as typeof fetch;
    const res = await retryingFetch({ fetch: fake, retries: 3 })("http://127.0.0.1/x");
    expect([res.status, calls]).toEqual([503, 4]);
  });
});
