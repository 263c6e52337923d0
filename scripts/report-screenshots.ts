// Renders the two evidence reports the browser tests use (a fine-tune with a license conflict in
// its lineage; a repo with a malicious pickle and hostile file names) and saves screenshots of them
// under docs/ for the README. Needs Debian's chromium.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { renderHtml } from "../src/reporters/html.js";
import { CHROMIUM, chromiumArgs } from "../test/reporters/chromium.js";
import { evidenceReports } from "../test/reporters/evidence-reports.js";

const root = join(import.meta.dirname, "..");
const docs = join(root, "docs");
mkdirSync(docs, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "modelgate-shots-"));
const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs() });
try {
  const reports = await evidenceReports();
  for (const [name, scanned] of Object.entries(reports)) {
    // The fake Hub listens on a random loopback port; show the public Hub's address instead.
    const report = JSON.parse(JSON.stringify(scanned).replace(/http:\/\/127\.0\.0\.1:\d+/g, "https://huggingface.co")) as typeof scanned;
    const file = join(tmp, `${name}.html`);
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: join(docs, `html-report-${name}.png`), fullPage: true });
    await page.close();
    console.log(`docs/html-report-${name}.png`);
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
