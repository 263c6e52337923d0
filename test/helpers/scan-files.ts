import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { scan, type ScanParams } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import type { Finding } from "../../src/types/finding.js";

export type FileMap = Record<string, Uint8Array | string>;

/** Writes files into a fresh temp folder, returns its path and a cleanup function. */
export function writeTempRepo(files: FileMap): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-test-"));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, ...path.split("/"));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scans an in-memory repo end to end through the real pipeline (local-folder source). */
export async function scanFiles(files: FileMap, params: Partial<ScanParams> = {}): Promise<ScanReport> {
  const { dir, cleanup } = writeTempRepo(files);
  try {
    return await scan({ target: dir, ...params });
  } finally {
    cleanup();
  }
}

/** Findings of one rule (by name or id). */
export function findingsOf(report: ScanReport, rule: string): Finding[] {
  return ruleFindings(report.findings, rule);
}

/** Findings of one rule (by name or id) from a list of findings. */
export function ruleFindings(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.ruleName === rule || f.ruleId === rule);
}
