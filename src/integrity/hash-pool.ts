import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FileDigest } from "../types/source.js";
import { digestFile, HASH_CHUNK_BYTES } from "./digest.js";
import { HASH_WORKER_SOURCE } from "./hash-worker-source.js";

export interface HashPoolOptions {
  /** Files hashed at once, the calling thread included (default: the cores Node may use). */
  size?: number;
  /**
   * Hash one large file at a time on the calling thread as well (default true). A single large
   * file then needs no worker at all (no thread start-up in the measured path); the calling
   * thread only yields between 8 MiB chunks while it hashes.
   */
  mainThreadLane?: boolean;
  /** Files smaller than this hash on the calling thread: a message round trip would cost more. */
  inlineBelow?: number;
  /** Idle workers exit after this many ms, so a library caller keeps no threads around. */
  idleMs?: number;
}

export interface HashFileOptions {
  /** Also compute the git blob SHA-1 (costs about as much as the SHA-256 again). */
  gitSha1?: boolean;
  /** Size of the file if the caller knows it (decides inline vs worker without a stat). */
  size?: number;
  signal?: AbortSignal;
}

interface Job {
  id: number;
  path: string;
  gitSha1: boolean;
  signal?: AbortSignal;
  /** Started by prefetch() and nobody waits for it yet: worker-only, and it must not keep the process alive. */
  speculative: boolean;
  slot?: Slot;
  resolve(d: FileDigest): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  idleTimer?: NodeJS.Timeout;
}

interface WorkerReply {
  id: number;
  digest?: FileDigest;
  error?: string;
  code?: string;
}

interface Prefetched {
  job: Job;
  promise: Promise<FileDigest>;
  size: number;
  mtimeMs: number;
}

function aborted(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error("hashing aborted");
}

/**
 * Hashes local files on several cores: Node's SHA-256 is synchronous, so on one thread the
 * files of a repo would hash one after the other. The calling thread takes one large file at a
 * time; further files go to worker threads, which start lazily (one per concurrent large file,
 * up to `size` lanes in all), reuse their read buffers for every file, and exit when idle.
 *
 * `prefetch()` starts hashing a file before anyone asks (the CLI does it while its modules
 * load); a later `digestFile()` of the same unchanged file takes that result.
 */
export class HashPool {
  private readonly maxWorkers: number;
  private readonly mainThreadLane: boolean;
  private mainThreadBusy = false;
  private readonly inlineBelow: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly prefetched = new Map<string, Prefetched>();
  private nextId = 1;
  private closed = false;

  constructor(options: HashPoolOptions = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    this.mainThreadLane = options.mainThreadLane ?? true;
    // Speculative jobs only run on workers, so keep at least one even on a single core.
    this.maxWorkers = Math.max(1, this.mainThreadLane ? size - 1 : size);
    this.inlineBelow = options.inlineBelow ?? HASH_CHUNK_BYTES;
    this.idleMs = options.idleMs ?? 2000;
  }

  /** Workers currently alive (for tests and diagnostics). */
  get workerCount(): number {
    return this.slots.length;
  }

  async digestFile(path: string, options: HashFileOptions = {}): Promise<FileDigest> {
    const gitSha1 = options.gitSha1 ?? true;
    const early = this.claimPrefetched(path, gitSha1, options.signal);
    if (early) return early;
    if (this.closed || (options.size !== undefined && options.size < this.inlineBelow)) {
      return digestFile(path, { gitSha1, ...(options.signal ? { signal: options.signal } : {}) });
    }
    options.signal?.throwIfAborted();
    return this.enqueue(path, gitSha1, false, options.signal);
  }

  /**
   * Starts hashing `path` (SHA-256 only) on a worker without anyone waiting: best effort, never
   * throws, and an unclaimed job neither keeps the process alive nor takes the calling thread.
   * The returned promise settles when that hashing ends (tests wait for it; callers need not).
   */
  prefetch(path: string): Promise<void> {
    if (this.closed || this.prefetched.has(path)) return Promise.resolve();
    let st;
    try {
      st = statSync(path);
    } catch {
      return Promise.resolve();
    }
    if (!st.isFile()) return Promise.resolve();
    let job: Job | undefined;
    const promise = this.enqueue(path, false, true, undefined, (j) => (job = j));
    if (job) this.prefetched.set(path, { job, promise, size: st.size, mtimeMs: st.mtimeMs });
    // Nobody may ever claim it: its failure must not become an unhandled rejection.
    return promise.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Stops every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.prefetched.clear();
    const slots = this.slots.splice(0);
    const pending = [...this.queue.splice(0), ...slots.flatMap((s) => (s.job ? [s.job] : []))];
    for (const s of slots) s.job = undefined;
    for (const job of pending) job.reject(new Error("hash pool closed"));
    await Promise.all(slots.map((s) => (clearTimeout(s.idleTimer), s.worker.terminate())));
  }

  /** The prefetched digest of an unchanged file, now awaited: it may use the calling thread and holds the process open. */
  private claimPrefetched(path: string, gitSha1: boolean, signal: AbortSignal | undefined): Promise<FileDigest> | undefined {
    const p = this.prefetched.get(path);
    if (!p) return undefined;
    this.prefetched.delete(path);
    let st;
    try {
      st = statSync(path);
    } catch {
      st = undefined;
    }
    // Changed since, or the SHA-1 is wanted after all: hash again, and stop the stale job.
    if (gitSha1 || !st || st.size !== p.size || st.mtimeMs !== p.mtimeMs) {
      this.cancel(p.job);
      return undefined;
    }
    p.job.speculative = false;
    // Still running: now someone waits for it, so its worker holds the process open.
    if (p.job.slot?.job === p.job) p.job.slot.worker.ref();
    if (signal) {
      signal.addEventListener("abort", () => this.cancel(p.job), { once: true });
      if (signal.aborted) this.cancel(p.job);
    }
    this.dispatch();
    return p.promise;
  }

  private enqueue(path: string, gitSha1: boolean, speculative: boolean, signal: AbortSignal | undefined, created?: (j: Job) => void): Promise<FileDigest> {
    return new Promise<FileDigest>((resolve, reject) => {
      // One scan shares one signal across many files: drop the listener when the job settles.
      const onAbort = (): void => this.cancel(job);
      const settle = (): void => signal?.removeEventListener("abort", onAbort);
      const job: Job = {
        id: this.nextId++,
        path,
        gitSha1,
        speculative,
        resolve: (d) => (settle(), resolve(d)),
        reject: (e) => (settle(), reject(e)),
      };
      if (signal) {
        job.signal = signal;
        signal.addEventListener("abort", onAbort, { once: true });
      }
      created?.(job);
      this.queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    if (this.mainThreadLane && !this.mainThreadBusy) {
      const i = this.queue.findIndex((j) => !j.speculative);
      const job = i >= 0 ? this.queue.splice(i, 1)[0] : undefined;
      if (job) this.runOnMainThread(job);
    }
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot) {
        if (this.slots.length >= this.maxWorkers) return;
        slot = this.spawn();
      }
      const job = this.queue.shift();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private runOnMainThread(job: Job): void {
    this.mainThreadBusy = true;
    digestFile(job.path, { gitSha1: job.gitSha1, ...(job.signal ? { signal: job.signal } : {}) })
      .then(job.resolve, (e: unknown) => job.reject(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        this.mainThreadBusy = false;
        this.dispatch();
      });
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.job = job;
    job.slot = slot;
    if (job.speculative) slot.worker.unref();
    else slot.worker.ref();
    slot.worker.postMessage({ type: "hash", id: job.id, path: job.path, gitSha1: job.gitSha1 });
  }

  private spawn(): Slot {
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: { chunkBytes: HASH_CHUNK_BYTES } });
    const slot: Slot = { worker };
    worker.on("message", (reply: WorkerReply) => this.finish(slot, reply));
    // A worker that dies (out of memory, killed) fails its job; the next job gets a fresh worker.
    const fail = (e: Error): void => {
      this.remove(slot);
      slot.job?.reject(e);
      slot.job = undefined;
      this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (slot.job) fail(new Error(`hash worker exited with code ${code}`));
      else this.remove(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    slot.job = undefined;
    if (reply.digest) job.resolve(reply.digest);
    else if (job.signal?.aborted) job.reject(aborted(job.signal));
    else job.reject(Object.assign(new Error(reply.error ?? "hashing failed"), reply.code ? { code: reply.code } : {}));
    this.idle(slot);
    this.dispatch();
  }

  private idle(slot: Slot): void {
    if (slot.job) return;
    // An idle worker must not keep the process alive; it also exits after idleMs.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      this.remove(slot);
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(aborted(job.signal));
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    slot?.worker.postMessage({ type: "cancel", id: job.id });
  }

  private remove(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}

let shared: HashPool | undefined;

/** The process-wide pool scan() and the CLI's prefetch share; its idle workers never keep the process alive. */
export function sharedHashPool(): HashPool {
  shared ??= new HashPool();
  return shared;
}
