import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScanReport } from "../../src/types/report.js";
import type { FakeRepo } from "../support/fake-hub.js";

export const COMMIT_A = "a1".repeat(20);
export const COMMIT_B = "b2".repeat(20);

/** Bytes that look like nothing in particular, so no inspector has an opinion on them. */
export function weights(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export function tinyRepo(overrides: Partial<FakeRepo> = {}): FakeRepo {
  return {
    id: "acme/tiny-model",
    sha: COMMIT_A,
    refs: { main: COMMIT_A },
    info: { library_name: "transformers", pipeline_tag: "text-generation", tags: ["transformers", "license:mit"], cardData: { license: "mit" } },
    files: [
      { path: "README.md", content: "---\nlicense: mit\n---\n# tiny\n" },
      { path: "config.json", content: '{"model_type":"gpt2"}\n' },
      { path: "weights/part.bin", content: weights(5000), lfs: true },
    ],
    ...overrides,
  };
}

export function tempCache(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-hubcache-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * What this source is answerable for: integrity, source and unreadable-file findings, and files
 * left unchecked. Other families' rules on the fixture's README or config are not its concern.
 */
export function sourceProblems(report: ScanReport): string[] {
  const findings = report.findings.filter((f) => /^MG-(INT|SRC|GEN-003)/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.artifact?.path ?? ""}`);
  const unchecked = report.incomplete.filter((i) => i.path !== undefined).map((i) => `incomplete ${i.path ?? ""}`);
  return [...findings, ...unchecked];
}
