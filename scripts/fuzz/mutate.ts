import { crc32, deflateRawSync, gzipSync } from "node:zlib";

/** Deterministic PRNG (mulberry32): one seed gives one sweep, input by input. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MUTATIONS = ["bit-flip", "byte-set", "truncate", "length-field", "duplicate-range", "swap-ranges", "delete-range", "nest-zip", "nest-gzip", "splice-seed"] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Values an attacker writes into length and count fields: 0, 1, max, "negative" (sign bit), just past the end. */
const LENGTHS = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

function u32le(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** A stored zip holding `data` under `name` (and a second copy when `twice`: duplicated members). */
export function storedZip(entries: { name: string; data: Uint8Array }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const crc = crc32(e.data);
    const local = Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...u32le(crc), ...u32le(e.data.length), ...u32le(e.data.length), name.length & 0xff, name.length >> 8, 0, 0]);
    parts.push(local, name, e.data);
    central.push(Uint8Array.from([0x50, 0x4b, 1, 2, 20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...u32le(crc), ...u32le(e.data.length), ...u32le(e.data.length), name.length & 0xff, name.length >> 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...u32le(offset)]), name);
    offset += local.length + name.length + e.data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const n = entries.length;
  const eocd = Uint8Array.from([0x50, 0x4b, 5, 6, 0, 0, 0, 0, n & 0xff, n >> 8, n & 0xff, n >> 8, ...u32le(cdSize), ...u32le(offset), 0, 0]);
  return concat([...parts, ...central, eocd]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Positions worth hitting: mostly the first 512 bytes (headers, lengths), sometimes anywhere. */
function position(rand: () => number, len: number): number {
  if (len === 0) return 0;
  return rand() < 0.6 ? Math.floor(rand() * Math.min(len, 512)) : Math.floor(rand() * len);
}

/** One mutant of `seed`; `other` is a second seed for splicing. Never returns the seed itself unchanged on purpose. */
export function mutate(seed: Uint8Array, other: Uint8Array, kind: Mutation, rand: () => number): Uint8Array {
  const len = seed.length;
  switch (kind) {
    case "bit-flip": {
      const m = seed.slice();
      for (let k = 1 + Math.floor(rand() * 8); k > 0 && len > 0; k--) {
        const at = position(rand, len);
        m[at] = m[at]! ^ (1 << Math.floor(rand() * 8));
      }
      return m;
    }
    case "byte-set": {
      const m = seed.slice();
      const values = [0, 0xff, 0x7f, 0x80, 0x2e, 0x28, 0x93];
      for (let k = 1 + Math.floor(rand() * 4); k > 0 && len > 0; k--) m[position(rand, len)] = rand() < 0.5 ? values[Math.floor(rand() * values.length)]! : Math.floor(rand() * 256);
      return m;
    }
    case "truncate":
      return seed.slice(0, Math.floor(rand() * len));
    case "length-field": {
      const m = seed.slice();
      const at = position(rand, len);
      const v = LENGTHS[Math.floor(rand() * LENGTHS.length)]!;
      const width = rand() < 0.5 ? 4 : 8;
      const bytes = width === 4 ? u32le(v) : [...u32le(v), ...(v >= 0x80000000 ? [0xff, 0xff, 0xff, 0xff] : [0, 0, 0, 0])];
      const big = rand() < 0.25;
      (big ? [...bytes].reverse() : bytes).forEach((b, k) => {
        if (at + k < m.length) m[at + k] = b;
      });
      return m;
    }
    case "duplicate-range": {
      if (len === 0) return seed.slice();
      const from = position(rand, len);
      const size = 1 + Math.floor(rand() * Math.min(4096, len - from));
      const at = position(rand, len);
      return concat([seed.subarray(0, at), seed.subarray(from, from + size), seed.subarray(at)]);
    }
    case "swap-ranges": {
      if (len < 4) return seed.slice();
      const a = Math.floor(rand() * (len / 2));
      const b = Math.floor(len / 2 + rand() * (len / 2));
      const size = 1 + Math.floor(rand() * Math.min(2048, b - a, len - b));
      const m = seed.slice();
      m.set(seed.subarray(b, b + size), a);
      m.set(seed.subarray(a, a + size), b);
      return m;
    }
    case "delete-range": {
      const at = position(rand, len);
      const size = 1 + Math.floor(rand() * Math.min(1024, Math.max(1, len - at)));
      return concat([seed.subarray(0, at), seed.subarray(at + size)]);
    }
    case "nest-zip": {
      // Nesting and duplicated or reordered members: the seed (maybe twice, maybe after a sibling) inside a zip.
      const entries = [{ name: "inner.bin", data: seed }];
      if (rand() < 0.5) entries.push({ name: rand() < 0.5 ? "inner.bin" : "other.pkl", data: other });
      if (rand() < 0.5) entries.reverse();
      const zip = storedZip(entries);
      return rand() < 0.3 ? storedZip([{ name: "outer.zip", data: zip }]) : zip;
    }
    case "nest-gzip":
      return rand() < 0.5 ? gzipSync(seed) : concat([Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), deflateRawSync(seed).subarray(0, Math.max(1, Math.floor(rand() * len)))]);
    case "splice-seed": {
      const at = position(rand, len);
      const from = Math.floor(rand() * other.length);
      return concat([seed.subarray(0, at), other.subarray(from, from + 1 + Math.floor(rand() * 2048))]);
    }
  }
}

export interface Seed {
  format: string;
  name: string;
  bytes: Uint8Array;
}

/** Input `i` of the sweep: the same for a given seed whichever worker makes it (so a failure can be made again). */
export function inputAt(seeds: readonly Seed[], seed: number, i: number): { s: Seed; bytes: Uint8Array; mutation: string } {
  const rand = prng(seed ^ Math.imul(i + 1, 0x9e3779b1));
  const s = seeds[i % seeds.length]!;
  const other = seeds[Math.floor(rand() * seeds.length)]!;
  const first = MUTATIONS[Math.floor(rand() * MUTATIONS.length)]!;
  let bytes = mutate(s.bytes, other.bytes, first, rand);
  let mutation: string = first;
  // Sometimes a second, byte-level mutation on top: many parser bugs need two things wrong at once.
  if (rand() < 0.3) {
    const second = MUTATIONS[Math.floor(rand() * 7)]!;
    bytes = mutate(bytes, other.bytes, second, rand);
    mutation += `+${second}`;
  }
  return { s, bytes, mutation };
}
