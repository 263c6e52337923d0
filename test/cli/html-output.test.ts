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
