import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLEAN_CACHE, CLEAN_REPO, TAMPERED_CACHE, cli } from "./cli-harness.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "modelgate-merge-cli-"));
  temps.push(d);
  return d;
}

async function scanTo(dir: string, name: string, ...targets: string[]): Promise<string> {
  const out = join(dir, name);
  await cli(["scan", ...targets, "--output", out]);
  return out;
}

describe("modelgate merge", () => {
  it("joins shard SARIF files into one run and exits 1 when a merged model fails the gate", async () => {
    const dir = tempDir();
    const a = await scanTo(dir, "a.sarif", CLEAN_CACHE, CLEAN_REPO);
    const b = await scanTo(dir, "b.sarif", TAMPERED_CACHE);
    const r = await cli(["merge", a, b]);
    const log = JSON.parse(r.stdout) as { runs: { properties: { targets: { key: string }[] } }[] };
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.properties.targets.map((t) => t.key)).toEqual(["acme/tampered-model", "acme/tiny-model", "tiny-safetensors-clean"]);
    expect(r.code).toBe(1);
  });

  it("writes merged JSON to --output with one line on stderr, and exits 0 when every model passed", async () => {
    const dir = tempDir();
    const a = await scanTo(dir, "a.json", CLEAN_CACHE);
    const b = await scanTo(dir, "b.json", CLEAN_REPO);
    const out = join(dir, "all.json");
    const r = await cli(["merge", a, b, "-o", out]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^modelgate: merged 2 report\(s\): 2 target\(s\), 2 passed/);
    expect((JSON.parse(readFileSync(out, "utf8")) as { kind: string; reports: unknown[] }).reports).toHaveLength(2);
    expect(r.code).toBe(0);
  });

  it("exits 2 naming the files when JSON and SARIF are mixed", async () => {
    const dir = tempDir();
    const a = await scanTo(dir, "a.json", CLEAN_CACHE);
    const b = await scanTo(dir, "b.sarif", CLEAN_REPO);
    const r = await cli(["merge", a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot merge JSON (${a}) with SARIF (${b})`);
  });

  it("exits 2 for a file that is not valid JSON, naming it", async () => {
    const bad = join(tempDir(), "bad.json");
    writeFileSync(bad, "{ not json");
    const r = await cli(["merge", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: not valid JSON`);
  });
});
