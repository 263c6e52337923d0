import { MAX_PICKLE_OPCODES } from "../../limits.js";
import type { ByteSource } from "../../types/artifact.js";
import { argumentLayout, OpcodeDecoder } from "./opcode-decoder.js";
import { OP } from "./opcodes.js";

/** Bytes a reading skips: `length` bytes at file offset `offset`. */
export interface DroppedRange {
  offset: number;
  length: number;
}

/** Bytes read per refill of the scan window. */
const CHUNK = 1024 * 1024;

/** Opcodes whose payload `_pickle.c` copies with `_Unpickler_ReadInto`, which drains the buffer and reads the rest from the file. */
const READ_INTO: ReadonlySet<number> = new Set([OP.SHORT_BINBYTES, OP.BINBYTES, OP.BINBYTES8, OP.BYTEARRAY8]);

class Window {
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  private readonly decoder = new OpcodeDecoder();
  constructor(
    private readonly src: ByteSource,
    private readonly signal?: AbortSignal,
  ) {}

  /** Makes [at, at + n) addressable; false when the file ends first. */
  async has(at: number, n: number): Promise<boolean> {
    if (at + n > this.src.size) return false;
    if (at >= this.start && at + n <= this.start + this.buf.length) return true;
    this.buf = await this.src.read(at, Math.min(this.src.size - at, Math.max(n, CHUNK)), this.signal);
    this.decoder.setView(this.buf);
    this.start = at;
    return this.buf.length >= n;
  }

  byte(at: number): number {
    return this.buf[at - this.start]!;
  }

  /** The fixed argument or length field of `op` whose bytes start at `at` (made addressable by `has`). */
  argument(op: number, at: number): number {
    return this.decoder.argumentAt(op, at - this.start);
  }

  /** Offset of the next "\n" at or after `at`, before `limit`; -1 when there is none. */
  async newline(at: number, limit: number): Promise<number> {
    for (let pos = at; pos < limit; ) {
      const n = Math.min(CHUNK, limit - pos);
      if (!(await this.has(pos, n))) return -1;
      const i = this.buf.subarray(pos - this.start, pos - this.start + n).indexOf(0x0a);
      if (i >= 0) return pos + i;
      pos += n;
    }
    return -1;
  }
}

/**
 * The C unpickler reading a file object that has no `peek` (an `io.BytesIO`, which is how
 * `torch.load` hands it a zip checkpoint's data.pkl), and any file once a FRAME outgrows its 128 KiB
 * prefetch. `load_frame` reads the whole frame into its input buffer; every later read is served from
 * that buffer, and a read the rest of the buffer cannot satisfy discards that rest and reads from the
 * file, which is already past the frame (`_Unpickler_ReadImpl`, `_Unpickler_Readline`). So when an
 * opcode's argument runs past its frame, this reading skips the frame's tail and takes the argument
 * from the bytes after the frame, where the linear reading (`pickle.loads`, pickle.py, pickletools)
 * sees something else (cpython#154848). Only `_Unpickler_ReadInto` (the payload of BINBYTES and
 * BYTEARRAY8) drains the buffer and goes on from the file without a gap.
 *
 * Returns the skipped ranges, in file order, for the pickles back to back from `start`. The scan only
 * sizes opcodes, never builds values, and stops at the first opcode neither reading can get past.
 */
export async function cFileReadingDrops(src: ByteSource, opts: { start?: number; signal?: AbortSignal } = {}): Promise<DroppedRange[]> {
  const w = new Window(src, opts.signal);
  const drops: DroppedRange[] = [];
  let pos = opts.start ?? 0;
  /** End of the input buffer filled by the last FRAME; at or before `pos` when the buffer is drained. */
  let bufEnd = pos;
  const drop = (): void => {
    drops.push({ offset: pos, length: bufEnd - pos });
    pos = bufEnd;
  };
  /** `_Unpickler_Read(n)`: from the buffer when it holds n bytes, else from the file after it. Returns where the bytes were taken, or -1 at the end of the file. */
  const read = async (n: number, into = false): Promise<number> => {
    if (!into && pos < bufEnd && pos + n > bufEnd) drop();
    if (!(await w.has(pos, n))) return -1;
    pos += n;
    return pos - n;
  };
  for (let ops = 0; ops < MAX_PICKLE_OPCODES && pos < src.size; ops++) {
    opts.signal?.throwIfAborted();
    const opAt = await read(1);
    if (opAt < 0) break;
    const op = w.byte(opAt);
    const layout = argumentLayout(op);
    if (!layout) break;
    if (op === OP.STOP) {
      // A new Unpickler on the same file starts where the file position is: after the buffer.
      if (pos < bufEnd) drop();
      continue;
    }
    if (op === OP.FRAME) {
      const at = await read(8);
      if (at < 0) break;
      const len = w.argument(op, at);
      if (pos + len <= bufEnd) continue;
      if (pos < bufEnd) drop();
      if (pos + len > src.size) break;
      bufEnd = pos + len;
      continue;
    }
    if (layout.kind === "fixed") {
      if ((await read(layout.width)) < 0) break;
      continue;
    }
    if (layout.kind === "counted") {
      const at = await read(layout.width);
      if (at < 0) break;
      const len = w.argument(op, at);
      // _pickle.c raises on a negative BINSTRING/LONG4 count before reading the payload.
      if (len < 0 || (await read(len, READ_INTO.has(op))) < 0) break;
      continue;
    }
    // Line arguments: `_Unpickler_Readline` looks for "\n" in the buffer, else reads a line from the file.
    let lines: number = layout.lines;
    let ok = true;
    while (lines-- > 0 && ok) {
      let nl = pos < bufEnd ? await w.newline(pos, bufEnd) : -1;
      if (nl < 0) {
        if (pos < bufEnd) drop();
        nl = await w.newline(pos, src.size);
      }
      if (nl < 0) ok = false;
      else pos = nl + 1;
    }
    if (!ok) break;
  }
  return drops;
}

/**
 * The bytes a reading takes, in order: the source without the dropped ranges, so the walker can read
 * them linearly. `fileOffset` maps a position back to the file for evidence.
 */
export class ReadingByteSource implements ByteSource {
  /** Segment starts in reading order and where each comes from in the file. */
  private readonly at: number[] = [];
  private readonly from: number[] = [];
  readonly size: number;

  constructor(
    private readonly inner: ByteSource,
    drops: readonly DroppedRange[],
  ) {
    let file = 0;
    let virt = 0;
    for (const d of drops) {
      if (d.offset > file) {
        this.at.push(virt);
        this.from.push(file);
        virt += d.offset - file;
      }
      file = d.offset + d.length;
    }
    this.at.push(virt);
    this.from.push(file);
    this.size = virt + Math.max(0, inner.size - file);
  }

  get bytesRead(): number {
    return 0;
  }

  private segment(v: number): number {
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  fileOffset(v: number): number {
    const i = this.segment(v);
    return this.from[i]! + (v - this.at[i]!);
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset < 0 || offset >= end) return new Uint8Array(0);
    const out = new Uint8Array(end - offset);
    for (let v = offset, i = this.segment(offset); v < end; i++) {
      const segEnd = i + 1 < this.at.length ? this.at[i + 1]! : this.size;
      const n = Math.min(end, segEnd) - v;
      out.set(await this.inner.read(this.from[i]! + (v - this.at[i]!), n, signal), v - offset);
      v += n;
    }
    return out;
  }
}
