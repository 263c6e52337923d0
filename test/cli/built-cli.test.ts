import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLEAN_REPO, ROOT, cli } from "./cli-harness.js";

/**
 * The bundled CLI (dist/cli/main.js and its code-split chunks, built by `npm ci`) as a process:
 * the --version answer that skips loading the program, and reporters loaded on demand.
 */
const MAIN = join(ROOT, "dist", "cli", "main.js");
const out = mkdtempSync(join(tmpdir(), "modelgate-built-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", HF_HUB_OFFLINE: "1" }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the built CLI", () => {
  it("prints the same version for --version and -V as the full program does, exit 0", async () => {
    const program = await cli(["--version"]);
    expect(program.stdout).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ["--version", "-V"]) expect(run([flag])).toEqual({ status: 0, stdout: program.stdout, stderr: "" });
  });

  it("writes a CycloneDX BOM and a JSON report from one scan, each reporter loaded when asked for", () => {
    const bom = join(out, "model.cdx.json");
    const json = join(out, "model.json");
    const r = run(["scan", CLEAN_REPO, "-o", bom, "-o", json]);
    expect(r.stderr).toMatch(/report written to/);
    expect((JSON.parse(readFileSync(bom, "utf8")) as { bomFormat: string }).bomFormat).toBe("CycloneDX");
    expect((JSON.parse(readFileSync(json, "utf8")) as { schemaVersion: string }).schemaVersion).toBe("1.0");
    expect(r.status).toBe(0);
  });
});
