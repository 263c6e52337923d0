import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLEAN_REPO, cli } from "./cli-harness.js";

const dir = mkdtempSync(join(tmpdir(), "modelgate-html-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("scan --format html", () => {
  it("writes one self-contained HTML file, the format taken from the -o extension", async () => {
    const out = join(dir, "report.html");
    const r = await cli(["scan", CLEAN_REPO, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("tiny-safetensors-clean");
    expect(html.match(/<tr data-item=/g)).toHaveLength(7);
  });

  it("prints HTML on stdout with --format html", async () => {
    const r = await cli(["scan", CLEAN_REPO, "--format", "html"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>[\s\S]*<\/html>\n$/);
  });
});

describe("scan with several --output files", () => {
  it("writes every format from one scan, each taken from its file's extension", async () => {
    const files = ["r.json", "r.sarif", "r.md", "r.html"].map((f) => join(dir, f));
    const r = await cli(["scan", CLEAN_REPO, ...files.flatMap((f) => ["-o", f])]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`report written to ${files.join(", ")}`);
    const [json, sarif, md, html] = files.map((f) => readFileSync(f, "utf8"));
    expect((JSON.parse(json ?? "") as { schemaVersion: string }).schemaVersion).toBe("1.0");
    expect((JSON.parse(sarif ?? "") as { version: string }).version).toBe("2.1.0");
    expect(md).toMatch(/^# Model supply-chain checklist/);
    expect(html).toMatch(/^<!DOCTYPE html>/);
  });
});
