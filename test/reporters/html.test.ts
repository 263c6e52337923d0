import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/reporters/html.js";
import { esc } from "../../src/reporters/html/escape.js";
import { lineageSvg } from "../../src/reporters/html/lineage-svg.js";
import { ANSI_RED, HTML, hostileReport } from "./hostile-report.js";
import { sampleReport } from "./sample-report.js";

describe("HTML report", () => {
  it("escapes every repository string: no element or attribute can be injected", () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toContain(HTML);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("\u001b");
    expect(html).toContain(esc(`${ANSI_RED}red.bin`));
    // The only tags are the report's own: no <script>, <img>, <a>, <link>, <iframe> or <object>.
    expect(html).not.toMatch(/<(script|img|a|link|iframe|object|embed|base)\b/i);
  });

  it("escapes quotes so a name cannot close an attribute", () => {
    expect(esc(`x" onmouseover="alert(1)`)).toBe("x&quot; onmouseover=&quot;alert(1)");
    expect(esc("it's")).toBe("it&#39;s");
  });

  it("shows bidi overrides and control characters as visible escapes", () => {
    expect(esc("invoice\u202Etxt.exe\u0007")).toBe("invoice\\u202etxt.exe\\x07");
  });

  it("forbids every fetch with a Content-Security-Policy and names no external resource", () => {
    const html = renderHtml(sampleReport());
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
  });

  it("strips credentials from the Hub URL it prints", () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toContain("user:secret");
  });

  it("has the header, the checklist, findings by item, lineage and files sections", () => {
    const html = renderHtml(sampleReport());
    for (const id of ["checklist", "findings", "lineage", "files"]) expect(html).toContain(`<section id="${id}"`);
    expect(html.match(/<tr data-item=/g)).toHaveLength(7);
    expect(html).toContain(`<dl class="meta">`);
  });

  it("leaves the assessment out when the scan had none, and says the tier in the header when it has one", async () => {
    expect(renderHtml(sampleReport())).not.toContain('<section id="assessment"');
  });

  it("is deterministic: the same report renders to the same bytes", () => {
    expect(renderHtml(sampleReport())).toBe(renderHtml(sampleReport()));
  });
});

describe("lineage drawing", () => {
  const entry = (repoId: string, extra: Record<string, unknown> = {}) => ({
    kind: "model" as const,
    repoId,
    depth: 1,
    parent: null,
    status: "found" as const,
    license: ["mit"],
    licenseName: null,
    gated: false as const,
    hasCard: true,
    relation: null,
    detail: null,
    ...extra,
  });

  it("places an ancestor two hops up in the third column, linked from its child", () => {
    const svg = lineageSvg({ id: "o/m", license: "mit" }, [entry("o/a"), entry("o/b", { depth: 2, parent: "o/a" })], []);
    expect(svg.match(/<g class="node"/g)).toHaveLength(3);
    expect(svg).toMatch(/data-repo="o\/b" data-tone="ok"><title>[^<]*<\/title><rect x="712"/);
  });

  it("marks a missing base model with a dashed red box and an unknown license in amber", () => {
    const svg = lineageSvg({ id: "o/m", license: "mit" }, [entry("o/gone", { status: "not-found", license: [] }), entry("o/nolicense", { license: [] })], []);
    expect(svg).toContain('data-repo="o/gone" data-tone="missing"');
    expect(svg).toContain('data-repo="o/nolicense" data-tone="unknown"');
  });

  it("clips a very long repo id in the box and keeps it whole in the tooltip", () => {
    const long = `o/${"x".repeat(90)}`;
    const svg = lineageSvg({ id: "o/m", license: "mit" }, [entry(long)], []);
    expect(svg).toContain(`<title>${long} —`);
    expect(svg).toContain("…</text>");
  });
});
