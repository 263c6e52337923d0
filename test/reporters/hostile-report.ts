import type { ScanReport } from "../../src/types/report.js";
import { SAMPLE_CHECKLIST, SAMPLE_RULES } from "./sample-report.js";

/** Terminal control sequences a hostile repo can put in file names and messages. */
export const ESC = "\u001b";
export const ANSI_RED = `${ESC}[31m`;
/** OSC 8 hyperlink: makes a terminal show text that links somewhere else. */
export const OSC_LINK = `${ESC}]8;;https://evil.example/\u0007click${ESC}]8;;\u0007`;
export const HTML = `<img src=x onerror=alert(1)>`;
export const MD_LINK = "[docs](javascript:alert(1))";

const bin = { path: "evil.zip" };

/**
 * A report whose every untrusted string (paths, member names, messages, evidence, reasons) is
 * hostile: markup, table breakers, newlines, terminal escapes, dot segments and absolute paths.
 */
export function hostileReport(): ScanReport {
  return {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version: "0.1.0" },
    target: { kind: "hub", input: "evil/model", repoId: "evil/model", revision: "main", commitSha: "f".repeat(40), hubUrl: "https://user:secret@hub.example.com/" },
    options: { metadataOnly: false },
    files: [
      { path: `${HTML}.md`, size: 10, format: "text", verification: "verified" },
      { path: `${ANSI_RED}red.bin`, size: 10, verification: "verified" },
      { path: "a b#c?d%20.bin", size: 10, verification: "verified" },
      { path: "line\nbreak | pipe `tick`.txt", size: 10, format: "text", verification: "verified" },
      { path: "weird!/name.bin", size: 10, verification: "verified" },
      {
        path: "evil.zip",
        size: 100,
        format: "zip",
        verification: "verified",
        members: [
          { path: "evil.zip!//etc/passwd", format: "text", size: 1 },
          { path: "evil.zip!/../../outside.pkl", format: "pickle", size: 1 },
          { path: "evil.zip!/.", format: "unknown", size: 1 },
        ],
      },
    ],
    checklist: SAMPLE_CHECKLIST.map((i) => (i.number === 6 ? { ...i, summary: `${MD_LINK} ${OSC_LINK}`, evidence: [{ text: `${HTML}\n## fake heading`, artifact: { path: "../../outside.pkl", parent: bin } }] } : i)),
    findings: [
      {
        ruleId: "MG-PKL-001",
        ruleName: "pickle-dangerous-global",
        severity: "critical",
        message: `${ANSI_RED}evil${ESC}[0m ${OSC_LINK} ${HTML} ${MD_LINK}\r\nsecond line | cell \u0007\u0008`,
        artifact: { path: "../../outside.pkl", parent: bin },
        region: { byteOffset: 0, byteLength: 1 },
        evidence: [],
        fingerprint: "e0000000000000000000000000000001",
      },
      {
        ruleId: "MG-INT-002",
        ruleName: "integrity-unverifiable",
        severity: "info",
        message: "weird",
        artifact: { path: "weird!/name.bin" },
        evidence: [],
        fingerprint: "e0000000000000000000000000000002",
        suppressed: { reason: `${HTML} ${ANSI_RED}` },
      },
    ],
    incomplete: [{ path: `${ANSI_RED}red.bin`, reason: `${OSC_LINK}\n${HTML}` }],
    rules: SAMPLE_RULES,
    sections: {} as unknown as ScanReport["sections"],
    verdict: { failOn: "high", passed: false, incomplete: true, allowIncomplete: false, counts: { critical: 1, high: 0, medium: 0, low: 0, info: 0 }, highest: "critical" },
  };
}
