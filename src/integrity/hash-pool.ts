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

function aborted(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error("hashing aborted");
}

/**
 * Hashes local files on several cores: Node's SHA-256 is synchronous, so on one thread the
 * files of a repo would hash one after the other. The calling thread takes one large file at a
 * time; further files go to worker threads, which start lazily (one per concurrent large file,
 * up to `size` lanes in all), reuse their read buffers for every file, and exit when idle.
 */
export class HashPool {
  private readonly maxWorkers: number;
  private readonly mainThreadLane: boolean;
  private mainThreadBusy = false;
  private readonly inlineBelow: number;
  private readonly idleMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: HashPoolOptions = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    this.mainThreadLane = options.mainThreadLane ?? true;
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
    if (this.closed || (options.size !== undefined && options.size < this.inlineBelow)) {
      return digestFile(path, { gitSha1, ...(options.signal ? { signal: options.signal } : {}) });
    }
    options.signal?.throwIfAborted();
    return this.enqueue(path, gitSha1, options.signal);
  }

  /** Stops every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    const pending = [...this.queue.splice(0), ...slots.flatMap((s) => (s.job ? [s.job] : []))];
    for (const s of slots) s.job = undefined;
    for (const job of pending) job.reject(new Error("hash pool closed"));
    await Promise.all(slots.map((s) => (clearTimeout(s.idleTimer), s.worker.terminate())));
  }

  private enqueue(path: string, gitSha1: boolean, signal: AbortSignal | undefined): Promise<FileDigest> {
    return new Promise<FileDigest>((resolve, reject) => {
      // One scan shares one signal across many files: drop the listener when the job settles.
      const onAbort = (): void => this.cancel(job);
      const settle = (): void => signal?.removeEventListener("abort", onAbort);
      const job: Job = {
        id: this.nextId++,
        path,
        gitSha1,
        resolve: (d) => (settle(), resolve(d)),
        reject: (e) => (settle(), reject(e)),
      };
      if (signal) {
        job.signal = signal;
        signal.addEventListener("abort", onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    if (this.mainThreadLane && !this.mainThreadBusy) {
      const job = this.queue.shift();
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
    slot.worker.ref();
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

/** The process-wide pool scan() uses; its idle workers never keep the process alive. */
export function sharedHashPool(): HashPool {
  shared ??= new HashPool();
  return shared;
}
