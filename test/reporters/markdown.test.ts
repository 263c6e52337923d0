import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/reporters/markdown.js";
import { hostileReport } from "./hostile-report.js";
import { sampleReport } from "./sample-report.js";

/** Cell count of a GFM table row: pipes not escaped by a backslash. */
function cells(row: string): number {
  return row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 2;
}

describe("markdown reporter", () => {
  const hostile = renderMarkdown(hostileReport());

  it("renders hostile HTML as text, never as a tag (code spans show it literally)", () => {
    expect(hostile.replace(/(`+)[^`][\s\S]*?\1/g, "")).not.toMatch(/<img/);
    expect(hostile).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
  });

  it("never lets a message form a link", () => {
    expect(hostile).not.toContain("](javascript:");
  });

  it("keeps every table row at its header's cell count despite pipes and newlines in names", () => {
    const lines = hostile.split("\n");
    let header = 0;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else expect(cells(line), line).toBe(header);
    }
  });

  it("does not let a newline in evidence start a heading", () => {
    expect(hostile.split("\n").some((l) => l.startsWith("## fake heading") || l.startsWith("\\#\\# fake"))).toBe(false);
  });

  it("writes no control characters", () => {
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it("strips credentials from the Hub link", () => {
    expect(hostile).toContain("(https://hub.example.com/evil/model/tree/ffffffffffffffffffffffffffffffffffffffff)");
    expect(hostile).not.toContain("user:secret@");
  });

  it("keeps an already-masked token intact once the Markdown escapes are read back", () => {
    const md = renderMarkdown(sampleReport());
    const row = md.split("\n").find((l) => l.includes("MG-SEC-001")) ?? "";
    expect(row.replace(/\\(.)/g, "$1")).toContain('config.json: Hugging Face token hf_abcd************ in field "api_key"');
  });

  it("puts waived findings in their own table with the waiver's reason", () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain("## Waived by policy (1)");
    expect(md).toContain("| info | MG-INT-002 integrity-unverifiable | `notes.txt` | notes.txt: no published hash to verify against | generated at build time, reviewed by security team |");
  });
});
