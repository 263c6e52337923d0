import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { renderText } from "../../src/reporters/text.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { CLEAN_REPO, FIXTURES } from "../cli/cli-harness.js";
import { scanFiles } from "../helpers/scan-files.js";

const LEGACY_STATE_DICT = readFileSync(join(FIXTURES, "pickle", "benign", "torch-legacy-state-dict.bin"));
/** A weights file name that is HTML, a table pipe, a bidi override and a terminal escape at once. */
const HOSTILE = "<script>alert(1)</script>|\u202egnp.bin\u001b[31m.bin";

/** Cell count of a GFM table row: pipes not escaped by a backslash. */
function cells(row: string): number {
  return row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 2;
}

describe("the assessment in Markdown and text", () => {
  let tier3: ScanReport;
  let hostile: ScanReport;
  beforeAll(async () => {
    tier3 = await scan({ target: CLEAN_REPO, tier: 3, assessmentDate: "2026-12-04" });
    hostile = await scanFiles({ "config.json": "{}\n", [HOSTILE]: LEGACY_STATE_DICT }, { tier: 2 });
  });

  it("gives Markdown the tier verdict with why each item passed or failed, scores, red flags, Section D and the plan", () => {
    const md = renderMarkdown(tier3);
    expect(md).toContain("**Tier 3: Regulated or decision-critical: ❌ does not meet the tier**");
    expect(md).toContain("| 7 | Model weight integrity | review | ❌ review: Tier 3 accepts only pass");
    expect(md).toContain("| The revision is pinned to a commit | ❌ no |");
    expect(md).toMatch(/### Scores \(overall 3\/5, adequate\)/);
    expect(md).toContain("| Infrastructure | not scored |");
    expect(md).toContain("**28. Is model weight integrity verified?** ◐ partly answered");
    expect(md).toContain("> Ask the vendor: Publish the SHA-256");
    expect(md).toContain("| 2026-12-11 \\(+7 days\\) | &lt;owner&gt; | Pin every deployment");
    expect(md).toContain("Tier 3 not met");
  });

  it("gives text the same sections, and says the gate failed because of the tier", () => {
    const text = renderText(tier3, { color: false });
    expect(text).toContain("FAILED: does not meet Tier 3 (see the assessment below)");
    expect(text).toContain("Tier 3 (Regulated or decision-critical): DOES NOT MEET THE TIER");
    expect(text).toMatch(/Scores: overall 3\/5 \(adequate\)/);
    expect(text).toContain("Section D: supply-chain security");
    expect(text).toMatch(/Remediation plan \(\d+\) from 2026-12-04/);
    expect(text).toContain("ask the vendor:");
  });

  it("leaves Markdown and text without an assessment section when no tier was asked for", async () => {
    const plain = await scan({ target: CLEAN_REPO });
    expect(renderMarkdown(plain)).not.toContain("## Assessment");
    expect(renderText(plain, { color: false })).not.toContain("Section D");
  });

  it("makes a hostile file name inert in the assessment's Markdown (no tag, no broken table, no control characters)", () => {
    const md = renderMarkdown(hostile);
    expect(hostile.sections.assessment?.redFlags.map((f) => f.id)).toContain("opaque-weights");
    expect(md.replace(/(`+)[^`][\s\S]*?\1/g, "")).not.toMatch(/<script/);
    expect(md).toContain("&lt;script&gt;");
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
    let header = 0;
    for (const line of md.split("\n")) {
      if (!line.startsWith("|")) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else expect(cells(line), line).toBe(header);
    }
  });

  it("makes a hostile file name inert in the assessment's text", () => {
    const text = renderText(hostile, { color: false });
    expect(text).toContain("Opaque weights");
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });
});
