import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import type { ScanReport } from "../../src/types/report.js";
import { evidenceReports, HOSTILE_NAMES } from "./evidence-reports.js";
import { CHROMIUM, chromiumArgs } from "./chromium.js";

/**
 * The HTML report in a real browser (Debian's chromium): it must render with no console error,
 * fetch nothing, show the checklist and the lineage drawing, and keep hostile names as text.
 * `.ci/run` installs chromium when it is missing; where it cannot, this file says so loudly.
 */
const available = existsSync(CHROMIUM);
if (!available) console.error(`\n*** HTML browser tests NOT RUN: ${CHROMIUM} is missing (apt-get install chromium; npm run test:browser runs them alone) ***\n`);

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  let browser: Browser;
  let dir = "";
  const files: Record<string, string> = {};
  const reports: Record<string, ScanReport> = {};

  beforeAll(async () => {
    const r = await evidenceReports();
    reports["lineage"] = r.lineage;
    reports["hostile"] = r.hostile;
    dir = mkdtempSync(join(tmpdir(), "modelgate-html-"));
    for (const [name, report] of Object.entries(reports)) {
      const path = join(dir, `${name}.html`);
      writeFileSync(path, renderHtml(report));
      files[name] = path;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string): Promise<{ page: import("playwright-core").Page; errors: string[]; requests: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (req) => requests.push(req.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(files[name] ?? "").href, { waitUntil: "load" });
    return { page, errors, requests, dialogs };
  }

  for (const name of ["lineage", "hostile"]) {
    it(`renders the ${name} report with no console error and no request leaving the file`, async () => {
      const { page, errors, requests } = await open(name);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
      expect(requests).toHaveLength(1);
      await page.close();
    });

    it(`shows the seven-item checklist table and the lineage drawing of the ${name} report`, async () => {
      const { page } = await open(name);
      await expect(page.locator("table.checklist tbody tr").count()).resolves.toBe(7);
      expect(await page.locator("table.checklist").isVisible()).toBe(true);
      const svg = page.locator("#lineage svg");
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      await page.close();
    });
  }

  it("draws the base model and the dataset whose licenses conflict in red", async () => {
    const { page } = await open("lineage");
    const tones = await page.locator("#lineage svg g.node").evaluateAll((nodes) => nodes.map((n) => [n.getAttribute("data-repo"), n.getAttribute("data-tone"), n.querySelector("rect")?.getAttribute("stroke")]));
    expect(tones).toEqual([
      ["acme/llama-chat-ft", "root", "#0969da"],
      ["meta-llama/Llama-2-7b-hf", "conflict", "#cf222e"],
      ["acme/nc-chats", "conflict", "#cf222e"],
    ]);
    await page.close();
  });

  it("keeps hostile file names as visible text: no script runs, no element is injected", async () => {
    const { page, dialogs } = await open("hostile");
    expect(dialogs).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    const text = await page.locator("#files").innerText();
    expect(text).toContain(HOSTILE_NAMES.script);
    expect(text).toContain(HOSTILE_NAMES.quotes);
    // The bidi override is shown as an escape, never applied.
    expect(text).toContain("invoice\\u202etxt.exe");
    expect(text).not.toContain("\u202E");
    // A 600-character name wraps instead of pushing the page sideways.
    const width = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(1200);
    await page.close();
  });

  it("shows the malicious pickle's finding under the dependency-scanning item with its byte range", async () => {
    const { page } = await open("hostile");
    const finding = page.locator('.finding[data-rule="MG-PKL-001"]').first();
    expect(await finding.isVisible()).toBe(true);
    expect(await finding.innerText()).toMatch(/pytorch_model\.bin bytes 0x[0-9a-f]+–0x[0-9a-f]+/);
    await page.close();
  });

  it("shows the tier-3 assessment: tier decision, scores with reasons, Section D 24-29 and remediation", async () => {
    const { page } = await open("lineage");
    expect(await page.locator("#assessment").isVisible()).toBe(true);
    expect(await page.locator("#tier").innerText()).toMatch(/^Tier 3: /);
    expect(await page.locator("table.section-d tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-question")))).toEqual(["24", "25", "26", "27", "28", "29"]);
    expect(await page.locator("table.scores tbody tr").count()).toBe(4);
    expect(await page.locator("table.remediation tbody tr").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("prints to a PDF", async () => {
    const { page } = await open("lineage");
    const pdf = join(dir, "lineage.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
