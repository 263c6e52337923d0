/**
 * The hash worker's body, as plain CommonJS evaluated by `new Worker(source, { eval: true })`.
 * It is a string rather than a module file because Node 20 cannot start a `.ts` worker under
 * tsx or vitest, and one code path must run the same from dist/, tsx and the tests.
 *
 * It mirrors `digestFile` in digest.ts (SHA-256 plus the optional git blob SHA-1, two reused
 * buffers so a read overlaps the hashing of the previous chunk); test/integrity/hash-pool.test.ts
 * checks that both give the same digests. The buffers live as long as the worker: one job runs
 * per worker at a time, so peak memory is two chunks per worker whatever the file sizes.
 *
 * Messages in:  { type: "hash", id, path, gitSha1 } | { type: "cancel", id }
 * Messages out: { id, digest: { sha256, gitSha1, size } } | { id, error, code? }
 */
export const HASH_WORKER_SOURCE = String.raw`"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const { open } = require("node:fs/promises");

const CHUNK = workerData.chunkBytes;
const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
const cancelled = new Set();

async function hashFile(job) {
  const fh = await open(job.path, "r");
  let pending;
  try {
    const { size } = await fh.stat();
    const sha256 = createHash("sha256");
    const sha1 = job.gitSha1 ? createHash("sha1") : undefined;
    if (sha1) sha1.update("blob " + size + "\0");
    let pos = 0;
    let turn = 0;
    pending = fh.read(buffers[0], 0, CHUNK, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      if (cancelled.has(job.id)) throw Object.assign(new Error("hashing aborted"), { code: "ABORT_ERR" });
      const current = buffers[turn];
      pos += bytesRead;
      turn ^= 1;
      pending = fh.read(buffers[turn], 0, CHUNK, pos);
      const view = current.subarray(0, bytesRead);
      sha256.update(view);
      if (sha1) sha1.update(view);
    }
    return { sha256: sha256.digest("hex"), gitSha1: sha1 && pos === size ? sha1.digest("hex") : "", size: pos };
  } finally {
    if (pending) await pending.catch(() => undefined);
    await fh.close();
  }
}

parentPort.on("message", (m) => {
  if (m.type === "cancel") {
    cancelled.add(m.id);
    return;
  }
  // One job at a time per worker, and a cancel always follows its job: older ids are stale.
  cancelled.clear();
  hashFile(m).then(
    (digest) => parentPort.postMessage({ id: m.id, digest }),
    (e) => {
      parentPort.postMessage({ id: m.id, error: String((e && e.message) || e), code: e && e.code });
    },
  );
});
`;
