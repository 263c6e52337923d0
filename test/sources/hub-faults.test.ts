import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { SourceError } from "../../src/errors.js";
import { scan } from "../../src/scan.js";
import { cacheLayout } from "../../src/sources/download/cache-layout.js";
import { fetchVerified } from "../../src/sources/download/fetch-verified.js";
import { createHubClient } from "../../src/sources/hub-client.js";
import { sha256Hex, startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, sourceProblems, tempCache, tinyRepo, weights } from "./hub-helpers.js";

/**
 * Fault paths through nock (which intercepts native fetch): a scope on a fake public host answers
 * the faults first, then forwards everything else to the loopback fake Hub.
 */
const HOST = "https://hub.modelgate.test";
const FILE = `/acme/tiny-model/resolve/${COMMIT_A}/weights/part.bin`;
const WEIGHTS = weights(5000);

let hub: FakeHub | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  nock.cleanAll();
  await hub?.close();
  hub = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function forwardTo(h: FakeHub): Promise<void> {
  const forward = async function (this: nock.ReplyFnContext, uri: string, body: nock.Body): Promise<nock.ReplyFnResult> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.req.headers)) if (k !== "host" && typeof v === "string") headers[k] = v;
    const init: RequestInit = { method: this.req.method, headers };
    if (this.req.method === "POST") init.body = typeof body === "string" ? body : JSON.stringify(body);
    const res = await fetch(`${h.url}${uri}`, init);
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => (out[k] = v));
    return [res.status, Buffer.from(await res.arrayBuffer()), out];
  };
  for (const method of ["GET", "POST", "HEAD"]) nock(HOST).persist().intercept(/.*/, method).reply(forward);
}

async function setup(): Promise<string> {
  hub = await startFakeHub({ repos: [tinyRepo()] });
  const cache = tempCache();
  cleanups.push(cache.cleanup);
  return cache.dir;
}

/**
 * A body that delivers `n` bytes, then fails like a reset connection once the client asks for
 * more (highWaterMark 1: the stream only reads on when the consumer drained the first part).
 */
function cutAfter(n: number): Readable {
  let sent = false;
  const body: Readable = new Readable({
    highWaterMark: 1,
    read() {
      if (!sent) {
        sent = true;
        body.push(Buffer.from(WEIGHTS.subarray(0, n)));
      } else body.destroy(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    },
  });
  return body;
}

/** Faults are registered before the forwarder, so nock matches them first. */
function faults(): nock.Scope {
  return nock(HOST);
}

describe("Hub faults (nock)", () => {
  it("retries a 429 and then succeeds", async () => {
    const cacheDir = await setup();
    const scope = faults().get(/\/api\/models\/acme\/tiny-model\/revision\/main/).reply(429, "slow down", { "Retry-After": "0" });
    await forwardTo(hub!);
    const report = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir });
    expect(scope.isDone()).toBe(true);
    expect(sourceProblems(report)).toEqual([]);
  });

  it("gives up with a SourceError after repeated 500s on model info", async () => {
    const cacheDir = await setup();
    const scope = faults().get(/\/api\/models\/acme\/tiny-model\/revision\/main/).times(6).reply(500, "boom", { "Retry-After": "0" });
    await forwardTo(hub!);
    const err = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir }).catch((e: unknown) => e);
    expect(scope.isDone()).toBe(true);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/HTTP 500 after retries/);
  });

  it("marks a file unreadable after repeated 500s on its download, and the scan incomplete", async () => {
    const cacheDir = await setup();
    const scope = faults()
      .get(FILE)
      .matchHeader("range", (v) => v === undefined)
      .times(6)
      .reply(500, "boom", { "Retry-After": "0" });
    await forwardTo(hub!);
    const report = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir });
    expect(scope.isDone()).toBe(true);
    expect(report.files.find((f) => f.path === "weights/part.bin")?.verification).toBe("unreadable");
    expect(report.verdict.incomplete).toBe(true);
  });

  it("resumes with a Range request after a connection reset mid-download", async () => {
    const cacheDir = await setup();
    faults()
      .get(FILE)
      .matchHeader("range", (v) => v === undefined)
      .reply(
        200,
        () => cutAfter(2000),
        { "Content-Length": "5000" },
      );
    await forwardTo(hub!);
    const report = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir });
    expect(report.files.find((f) => f.path === "weights/part.bin")?.verification).toBe("verified");
    expect(hub!.requests.some((r) => r.url === FILE && r.headers["range"] === "bytes=2000-")).toBe(true);
  });

  it("restarts from zero when the server answers a resume with the whole file", async () => {
    const cacheDir = await setup();
    const cut = faults()
      .get(FILE)
      .matchHeader("range", (v) => v === undefined)
      .reply(200, () => cutAfter(2000));
    const ignored = faults().get(FILE).matchHeader("range", "bytes=2000-").reply(200, Buffer.from(WEIGHTS));
    await forwardTo(hub!);
    const report = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir });
    expect([cut.isDone(), ignored.isDone()]).toEqual([true, true]);
    expect(report.files.find((f) => f.path === "weights/part.bin")?.verification).toBe("verified");
  });

  it("never verifies or caches a body that keeps arriving truncated", async () => {
    const cacheDir = await setup();
        nock(HOST)
      .get(FILE)
      .matchHeader("range", "bytes=0-0")
      .reply(206, "x", { "Content-Range": "bytes 0-0/5000", ETag: `"${sha256Hex(WEIGHTS)}"` });
    nock(HOST)
      .persist()
      .get(FILE)
      .reply(200, () => Buffer.from(WEIGHTS.subarray(0, 3000)));
    const client = createHubClient({ hubUrl: HOST, repoId: "acme/tiny-model" });
    const layout = cacheLayout(cacheDir, "acme/tiny-model");
    const job = { client, layout, commit: COMMIT_A, path: "weights/part.bin", published: { sha256: sha256Hex(WEIGHTS), size: 5000, lfs: true }, backoffMs: () => 0 };
    await expect(fetchVerified(job)).rejects.toThrow(/ended after 3000 of 5000 bytes|did not honour the Range|ignored the Range/);
    const blobs = join(layout.repoDir, "blobs");
    expect(existsSync(blobs) ? readdirSync(blobs) : []).toEqual([]);
    expect(existsSync(join(layout.repoDir, "snapshots"))).toBe(false);
  });

  it("never verifies a truncated body in a scan: the file ends unreadable", async () => {
    const cacheDir = await setup();
    faults()
      .get(FILE)
      .matchHeader("range", (v) => v !== "bytes=0-0")
      .times(6)
      .reply(200, () => Buffer.from(WEIGHTS.subarray(0, 3000)));
    await forwardTo(hub!);
    const report = await scan({ target: "acme/tiny-model", hubUrl: HOST, cacheDir });
    const entry = report.files.find((f) => f.path === "weights/part.bin");
    expect(entry?.verification).toBe("unreadable");
    expect(existsSync(join(cacheDir, "models--acme--tiny-model", "blobs", sha256Hex(WEIGHTS)))).toBe(false);
  });
});
