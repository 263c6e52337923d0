import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeCodebase } from "../discover/temp-codebase.js";
import { cli, FIXTURES } from "./cli-harness.js";

const CODEBASE = join(FIXTURES, "codebases", "ml-service");
const SHA = "e7da7f221d5bf496a48136c0cd264e630fe9fcc8";
const cleanups: string[] = [];

function codebase(files: Record<string, string>): string {
  const dir = writeCodebase(files);
  cleanups.push(dir);
  return dir;
}

afterEach(() => {
  for (const d of cleanups.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("modelgate discover", () => {
  it("exits 1 when a reference is unpinned, printing it with its location", async () => {
    const r = await cli(["discover", CODEBASE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("UNPINNED model openai-community/gpt2");
  });

  it("exits 0 when every reference is pinned to a commit", async () => {
    const dir = codebase({ "app.py": `from transformers import AutoModel\nAutoModel.from_pretrained("openai-community/gpt2", revision="${SHA}")\n` });
    const r = await cli(["discover", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`pinned   model openai-community/gpt2@${SHA}`);
  });

  it("exits 0 with unpinned references when --fail-on is above medium", async () => {
    expect((await cli(["discover", CODEBASE, "--fail-on", "high"])).code).toBe(0);
  });

  it("writes JSON to --output (format from the extension) and says so on stderr", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "modelgate-dsc-out-")), "models.json");
    cleanups.push(join(out, ".."));
    const r = await cli(["discover", CODEBASE, "--output", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`written to ${out}`);
    const json = JSON.parse(readFileSync(out, "utf8")) as { references: { id: string }[] };
    expect(json.references.some((x) => x.id === "openai-community/gpt2")).toBe(true);
  });

  it("lets a policy waiver suppress an unpinned reference, so the gate passes", async () => {
    const dir = codebase({
      "app.py": 'from transformers import AutoModel\nAutoModel.from_pretrained("openai-community/gpt2")\n',
      "policy.yaml": "waivers:\n  - rule: MG-DSC-001\n    path: app.py\n    reason: evaluated nightly against main on purpose\n",
    });
    const r = await cli(["discover", dir, "--policy", join(dir, "policy.yaml"), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("evaluated nightly against main on purpose");
  });

  it("exits 2 with a clear message when the folder does not exist", async () => {
    const r = await cli(["discover", join(tmpdir(), "modelgate-no-such-codebase")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/modelgate-no-such-codebase: not a folder/);
  });

  it("exits 2 on an unknown --format", async () => {
    expect((await cli(["discover", CODEBASE, "--format", "xml"])).code).toBe(2);
  });
});
