import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findingsOf, scanFiles, type FileMap } from "./scan-files.js";
import type { Finding } from "../../src/types/finding.js";

export interface RuleCase {
  /** A sentence naming the behaviour. */
  name: string;
  files: FileMap;
}

export interface InvalidCase extends RuleCase {
  /** Checks on the rule's findings beyond "there is at least one". */
  expect?: (findings: Finding[]) => void;
}

function caseKey(c: RuleCase): string {
  const h = createHash("sha256");
  for (const [p, v] of Object.entries(c.files).sort(([a], [b]) => (a < b ? -1 : 1))) h.update(p).update("\0").update(v).update("\0");
  return h.digest("hex");
}

/**
 * ESLint-style tester: every `valid` repo must produce no finding of the rule, every `invalid`
 * one at least one. Duplicate cases are refused so the suite cannot pad itself.
 */
export function ruleTester(rule: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    const k = caseKey(c);
    if (seen.has(k)) throw new Error(`rule tester for ${rule}: duplicate case "${c.name}"`);
    seen.add(k);
  }
  if (cases.invalid.length === 0) throw new Error(`rule tester for ${rule}: needs at least one invalid case`);
  describe(rule, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const report = await scanFiles(c.files);
        expect(findingsOf(report, rule).map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const report = await scanFiles(c.files);
        const found = findingsOf(report, rule);
        expect(found.length, `expected a ${rule} finding`).toBeGreaterThan(0);
        c.expect?.(found);
      });
    }
  });
}
