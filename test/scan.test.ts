import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { digestFile } from "../src/integrity/digest.js";
import { renderJson } from "../src/reporters/json.js";
import { scan } from "../src/scan.js";
import { osSystemPickle } from "./builders/pickle-builder.js";
import { buildSafetensors } from "./builders/safetensors.js";
import { writeTempRepo } from "./helpers/scan-files.js";

function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0, x = seed; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

// Files on every hashing path: above the pool's inline bound (9 MiB), held in ranges (300 KiB),
// held whole (the small pickle and config), and a malicious pickle whose finding must survive.
const repo = writeTempRepo({
  "model.safetensors": buildSafetensors({ w: { dtype: "U8", shape: [9 * 1024 * 1024], data: pseudoRandom(9 * 1024 * 1024, 1) } }),
  "adapter.safetensors": buildSafetensors({ a: { dtype: "U8", shape: [300 * 1024], data: pseudoRandom(300 * 1024, 2) } }),
  "optimizer.pkl": osSystemPickle(),
  "config.json": '{"model_type":"gpt2","architectures":["GPT2LMHeadModel"]}\n',
});
afterAll(() => repo.cleanup());

describe("scan", () => {
  it("gives the same report whether files are handled one at a time or hashed and inspected several at once", async () => {
    const one = await scan({ target: repo.dir, concurrency: 1 });
    const many = await scan({ target: repo.dir, concurrency: 4 });
    expect(renderJson(many)).toBe(renderJson(one));
    expect(many.findings.map((f) => f.ruleId)).toContain("MG-PKL-001");
  });

  it("reports for each file the digests hashing it alone from disk gives", async () => {
    const report = await scan({ target: repo.dir });
    for (const f of report.files) {
      const d = await digestFile(join(repo.dir, f.path), { gitSha1: f.gitSha1 !== undefined });
      expect([f.path, f.sha256, f.gitSha1 ?? ""]).toEqual([f.path, d.sha256, d.gitSha1]);
    }
  });
});
