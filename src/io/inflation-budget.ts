import { LimitExceededError } from "../errors.js";
import { MAX_FILE_INFLATED_BYTES, MAX_FILE_RESIDENT_INFLATED_BYTES, MAX_NESTED_ARCHIVES_PER_FILE, MAX_SCAN_INFLATED_BYTES, MAX_SHARED_RESIDENT_INFLATED_BYTES } from "../limits.js";

/**
 * Shared by every file of one scan: decompressed bytes produced, bytes held right now, and the one
 * "large" slot. A file may hold up to MAX_SHARED_RESIDENT_INFLATED_BYTES of decompressed data on its
 * own; past that it waits for the slot, so only one file at a time holds a large amount and
 * --concurrency does not multiply the large bound. The slot holder never waits for anything else,
 * so waiting cannot deadlock, and each file's own bounds decide its result whatever the timing.
 */
export class ScanInflationBudget {
  produced = 0;
  resident = 0;
  /** Highest `resident` seen (for the fuzz and bench output). */
  peakResident = 0;
  private holder: InflationBudget | undefined;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly maxProduced = MAX_SCAN_INFLATED_BYTES) {}

  forFile(): InflationBudget {
    return new InflationBudget(this);
  }

  async acquireLarge(file: InflationBudget): Promise<void> {
    while (this.holder !== undefined && this.holder !== file) await new Promise<void>((r) => this.waiting.push(r));
    this.holder = file;
  }

  releaseLarge(file: InflationBudget): void {
    if (this.holder !== file) return;
    this.holder = undefined;
    for (const w of this.waiting.splice(0)) w();
  }
}

/**
 * The decompression work one top-level file may cause, whatever its nesting: bytes inflated across all
 * its members and wrappers (MAX_FILE_INFLATED_BYTES), bytes held at once along one nesting chain
 * (MAX_FILE_RESIDENT_INFLATED_BYTES), archives opened inside it (MAX_NESTED_ARCHIVES_PER_FILE), and
 * through the scan's budget the bytes inflated by the whole scan.
 */
export class InflationBudget {
  produced = 0;
  resident = 0;
  nestedArchives = 0;

  constructor(
    readonly scan: ScanInflationBudget,
    readonly maxProduced = MAX_FILE_INFLATED_BYTES,
    readonly maxResident = MAX_FILE_RESIDENT_INFLATED_BYTES,
    readonly maxNested = MAX_NESTED_ARCHIVES_PER_FILE,
  ) {}

  /** Bytes one more decompression may still produce and hold, and which bound is the tightest. */
  room(): { bytes: number; limit: string; what: string } {
    const options = [
      { bytes: this.maxProduced - this.produced, limit: "MAX_FILE_INFLATED_BYTES", what: `this file's decompression budget of ${this.maxProduced} bytes is spent` },
      { bytes: this.scan.maxProduced - this.scan.produced, limit: "MAX_SCAN_INFLATED_BYTES", what: `the scan's decompression budget of ${this.scan.maxProduced} bytes is spent` },
      { bytes: this.maxResident - this.resident, limit: "MAX_FILE_RESIDENT_INFLATED_BYTES", what: `decompressed data held at once for this file would exceed ${this.maxResident} bytes` },
    ];
    return options.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  }

  /** Before decoding up to `cap` bytes: past the shared allowance, wait for the scan's large slot. */
  async reserve(cap: number): Promise<void> {
    if (this.resident + cap > MAX_SHARED_RESIDENT_INFLATED_BYTES) await this.scan.acquireLarge(this);
  }

  /** Records `n` decompressed bytes now held in memory; the returned function gives the memory back (once). */
  hold(n: number): () => void {
    this.produced += n;
    this.resident += n;
    this.scan.produced += n;
    this.scan.resident += n;
    this.scan.peakResident = Math.max(this.scan.peakResident, this.scan.resident);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.resident -= n;
      this.scan.resident -= n;
      if (this.resident <= MAX_SHARED_RESIDENT_INFLATED_BYTES) this.scan.releaseLarge(this);
    };
  }

  /** The file is done: the large slot goes to the next file that waits for it. */
  done(): void {
    this.scan.releaseLarge(this);
  }

  /** Archives still allowed to be opened inside this file. */
  get nestedLeft(): number {
    return this.maxNested - this.nestedArchives;
  }

  /** Counts one archive opened inside the file; throws past MAX_NESTED_ARCHIVES_PER_FILE. */
  openNested(what: string): void {
    if (++this.nestedArchives > this.maxNested) {
      throw new LimitExceededError("MAX_NESTED_ARCHIVES_PER_FILE", `${what}: more than ${this.maxNested} archives nested in one file were not opened (nested-archive bomb)`);
    }
  }
}
