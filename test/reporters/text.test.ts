import { describe, expect, it } from "vitest";
import { renderText } from "../../src/reporters/text.js";
import type { ScanReport } from "../../src/types/report.js";
import { hostileReport } from "./hostile-report.js";
import { sampleReport } from "./sample-report.js";

/** Colour SGR sequences (`ESC [ … m`) are the only escapes the text reporter may write itself. */
const SGR = /\u001b\[[0-9;]*m/g;
const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function withVerdict(v: Partial<ScanReport["verdict"]>): ScanReport {
  const r = sampleReport();
  r.verdict = { ...r.verdict, ...v };
  return r;
}

describe("text reporter", () => {
  it("writes no escape sequence at all without colour (NO_COLOR)", () => {
    expect(renderText(sampleReport(), { color: false })).not.toContain("\u001b");
  });

  it("colours the verdict when colour is on", () => {
    expect(renderText(sampleReport(), { color: true })).toMatch(SGR);
  });

  it("neutralises terminal escapes, OSC 8 links and control characters from hostile names and messages", () => {
    for (const color of [false, true]) {
      const out = renderText(hostileReport(), { color }).replace(SGR, "");
      expect(out).not.toMatch(DANGEROUS);
      expect(out).toContain("\\x1b]8;;https://evil.example/\\x07click");
    }
  });

  it("keeps every finding message on its own single line even when it contains line breaks", () => {
    const out = renderText(hostileReport(), { color: false });
    expect(out).toContain("[docs](javascript:alert(1)) second line | cell \\x07\\x08");
    expect(out.split("\n").some((l) => l.startsWith("second line"))).toBe(false);
  });

  it("says FAILED, INCOMPLETE or PASSED from the verdict", () => {
    expect(renderText(withVerdict({ passed: false }), { color: false })).toContain("FAILED: findings at or above high");
    expect(renderText(withVerdict({ passed: true, incomplete: true, allowIncomplete: false }), { color: false })).toContain("INCOMPLETE");
    expect(renderText(withVerdict({ passed: true, incomplete: true, allowIncomplete: true }), { color: false })).toContain("PASSED (fail-on: high)");
  });

  it("lists waived findings apart, with the waiver's reason", () => {
    const out = renderText(sampleReport(), { color: false });
    expect(out).toContain("Waived by policy (1)");
    expect(out).toContain("waiver: generated at build time, reviewed by security team");
    expect(out).toContain("Findings (5)");
  });

  it("shows where in a member or text file a finding sits", () => {
    const out = renderText(sampleReport(), { color: false });
    expect(out).toContain("pytorch_model.bin!/archive/data.pkl @0x2a (14 bytes)");
    expect(out).toContain("tokenizer_config.json:3-5");
  });

  it("keeps an already-masked token exactly as given", () => {
    expect(renderText(sampleReport(), { color: false })).toContain('config.json: Hugging Face token hf_abcd************ in field "api_key"');
  });

  it("cuts long evidence lists and points at the JSON report", () => {
    const r = sampleReport();
    const item = r.checklist[0];
    if (item) item.evidence = Array.from({ length: 12 }, (_, i) => ({ text: `e${i}` }));
    expect(renderText(r, { color: false, maxEvidence: 3 })).toContain("… 9 more (see --format json)");
  });
});
