import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LimitExceededError, ParseError } from "../../../src/errors.js";
import { MemoryByteSource } from "../../../src/io/byte-source.js";
import { pickleInspector } from "../../../src/inspectors/pickle/pickle-inspector.js";
import type { InspectContext, Probe } from "../../../src/types/inspector.js";
import { osSystemPickle, pickle } from "../../builders/pickle-builder.js";
import { prng as rng } from "../../builders/run-inspector.js";

const FIX = join(import.meta.dirname, "../../../fixtures/pickle");
const seeds: Uint8Array[] = [
  ...readdirSync(join(FIX, "benign")).map((f) => readFileSync(join(FIX, "benign", f))),
  ...readdirSync(join(FIX, "advisories")).filter((f) => !f.endsWith(".json")).map((f) => readFileSync(join(FIX, "advisories", f))),
  osSystemPickle(),
  pickle().proto(4).op("FRAME", 20).str("os").op("MEMOIZE").str("system").op("MEMOIZE").op("STACK_GLOBAL").op("EMPTY_TUPLE").op("REDUCE").stop().bytes(),
];
const INTERESTING = [0x28, 0x2e, 0x30, 0x31, 0x32, 0x52, 0x62, 0x63, 0x65, 0x68, 0x6a, 0x71, 0x72, 0x75, 0x80, 0x81, 0x82, 0x8a, 0x8b, 0x8d, 0x8e, 0x93, 0x94, 0x95, 0x96, 0x97, 0xff, 0x0a];

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const b = Array.from(src);
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * Math.max(1, b.length));
    const kind = Math.floor(r() * 5);
    if (kind === 0) b[at] = Math.floor(r() * 256);
    else if (kind === 1) b[at] = INTERESTING[Math.floor(r() * INTERESTING.length)]!;
    else if (kind === 2) b.splice(at, 1);
    else if (kind === 3) b.splice(at, 0, INTERESTING[Math.floor(r() * INTERESTING.length)]!);
    else b.length = at;
  }
  return Uint8Array.from(b);
}

const ctx: InspectContext = { target: { kind: "local", input: "fuzz" } as never, files: [], list: () => undefined };

async function inspect(bytes: Uint8Array): Promise<unknown> {
  const artifact = { ref: { path: "fuzz.pkl" }, source: new MemoryByteSource(bytes), origin: "local" as const };
  const probe: Probe = { ref: artifact.ref, name: "fuzz.pkl", size: bytes.length, head: bytes.subarray(0, 4096), format: "pickle", depth: 0 };
  try {
    for await (const item of pickleInspector.inspect(artifact, probe, ctx)) void item;
    return undefined;
  } catch (e) {
    return e;
  }
}

describe("pickle walker fuzzing", () => {
  it("turns every prefix of every fixture into facts or a ParseError, never a crash", async () => {
    for (const s of seeds.slice(0, 24)) {
      for (let len = 0; len < Math.min(s.length, 400); len++) {
        const e = await inspect(s.subarray(0, len));
        if (e !== undefined) expect(e instanceof ParseError || e instanceof LimitExceededError, String(e)).toBe(true);
      }
    }
  });

  it("survives 3000 seeded mutations with only ParseError/LimitExceededError escaping", async () => {
    const r = rng(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const input = mutate(seeds[i % seeds.length]!, r);
      const e = await inspect(input);
      if (e !== undefined) expect(e instanceof ParseError || e instanceof LimitExceededError, `case ${i}: ${String(e)}`).toBe(true);
    }
  });
});
