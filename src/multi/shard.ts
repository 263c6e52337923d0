import { createHash } from "node:crypto";
import { ConfigError } from "../errors.js";

export interface Shard {
  /** 1-based, as in `--shard 2/4`. */
  index: number;
  count: number;
}

const MAX_SHARDS = 10_000;

/** Parses `i/n` (1 ≤ i ≤ n), the form CI matrices and `--shard` in other test runners use. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new ConfigError(`--shard "${text}": expected i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS}, e.g. 1/4`);
  }
  return { index, count };
}

/**
 * The shard (1-based) an id belongs to: the first four bytes of its SHA-256, modulo the count.
 * Depends on nothing but the id, so every machine of a CI matrix makes the same split whatever
 * order the inventory lists models in, and all revisions of a model land in one shard.
 */
export function shardOf(id: string, count: number): number {
  const digest = createHash("sha256").update(id, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(id: string, shard: Shard): boolean {
  return shardOf(id, shard.count) === shard.index;
}
