import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { inShard, parseShard, shardOf } from "../../src/multi/shard.js";
import { prng } from "../builders/run-inspector.js";

/** Hub-like ids from a seeded generator: the property must hold for any list, not a hand-picked one. */
function randomIds(seed: number, n: number): string[] {
  const rand = prng(seed);
  const word = (): string => Array.from({ length: 3 + Math.floor(rand() * 10) }, () => "abcdefghijklmnopqrstuvwxyz0123456789-_."[Math.floor(rand() * 39)]).join("");
  return Array.from({ length: n }, () => `${word()}/${word()}`);
}

describe("--shard", () => {
  it("puts every id in exactly one of n shards, for many seeds and shard counts", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const ids = randomIds(seed, 150);
      for (const count of [1, 2, 3, 7, 16]) {
        const parts = Array.from({ length: count }, (_, i) => ids.filter((id) => inShard(id, { index: i + 1, count })));
        expect(parts.flat().sort()).toEqual([...ids].sort());
        expect(parts.reduce((n, p) => n + p.length, 0)).toBe(ids.length);
      }
    }
  });

  it("gives an id the same shard whatever the list around it or its position", () => {
    const ids = randomIds(42, 200);
    const forward = ids.map((id) => shardOf(id, 5));
    const backward = [...ids].reverse().map((id) => shardOf(id, 5)).reverse();
    expect(backward).toEqual(forward);
  });

  it("pins the split to SHA-256 of the id, so other machines and versions agree", () => {
    // SHA-256 prefixes 198df6d6, 12da25ec, 6237a945 (checked with Node's crypto); a CI matrix relies on this split.
    expect(["openai-community/gpt2", "acme/tiny-model", "google-bert/bert-base-uncased"].map((id) => shardOf(id, 4))).toEqual([3, 1, 2]);
  });

  it("spreads ids roughly evenly", () => {
    const counts = [0, 0, 0, 0];
    for (const id of randomIds(7, 4000)) counts[shardOf(id, 4) - 1]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it("parses i/n and refuses 0/n, i > n and other text", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1", "-1/2", "1/2/3"]) expect(() => parseShard(bad), bad).toThrow(ConfigError);
  });
});
