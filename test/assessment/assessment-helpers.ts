import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Assessment } from "../../src/assessment/types.js";
import { scan, type ScanParams } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { CLEAN_REPO } from "../cli/cli-harness.js";
import { COMMIT_A, tempCache } from "../sources/hub-helpers.js";
import { repoFromDir, startFakeHub, type FakeRepo } from "../support/fake-hub.js";

export const HUB_SAMPLES = "/work/shared/hub-samples/repos";

/** The assessment section of a report; fails the test when it is missing. */
export function assessmentOf(report: ScanReport): Assessment {
  const a = report.sections.assessment;
  if (!a) throw new Error("the report has no assessment section");
  return a;
}

/** A copy of the clean example repo with files removed or added, scanned locally. */
export async function scanCleanVariant(edit: (dir: string) => void, params: Partial<ScanParams> = {}): Promise<ScanReport> {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-assess-"));
  try {
    cpSync(CLEAN_REPO, dir, { recursive: true });
    edit(dir);
    return await scan({ target: dir, ...params });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The base model and dataset the clean example's card names, as the fake Hub serves them. */
export const CLEAN_LINEAGE: FakeRepo[] = [
  { id: "acme/tiny-llama-base", sha: "c3".repeat(20), info: { cardData: { license: "apache-2.0" } }, files: [{ path: "README.md", content: "---\nlicense: apache-2.0\n---\n# tiny-llama-base\n" }] },
  { id: "roneneldan/TinyStories", kind: "dataset", sha: "d4".repeat(20), info: { cardData: { license: "cdla-sharing-1.0" } }, files: [{ path: "README.md", content: "---\nlicense: cdla-sharing-1.0\n---\n# TinyStories\n" }] },
];

/** Scans fake-Hub repos by id through the real Hub source; `repos[0]` is the target unless `target` says otherwise. */
export async function scanOnFakeHub(repos: FakeRepo[], params: Partial<ScanParams> & { target?: string } = {}): Promise<ScanReport> {
  const hub = await startFakeHub({ repos });
  const cache = tempCache();
  try {
    return await scan({ target: repos[0]?.id ?? "", hubUrl: hub.url, cacheDir: cache.dir, ...params });
  } finally {
    await hub.close();
    cache.cleanup();
  }
}

/** The clean example repo on the fake Hub at COMMIT_A, with its lineage. */
export function cleanOnHub(owner = "acme"): FakeRepo[] {
  return [repoFromDir(CLEAN_REPO, `${owner}/tiny-safetensors-clean`, { sha: COMMIT_A, refs: { main: COMMIT_A }, info: { library_name: "transformers" } }), ...CLEAN_LINEAGE];
}

/** A hub-samples folder (real files of a real Hub repo) as a fake Hub repo; collector files left out. */
export function hubSample(folder: string, id: string): FakeRepo {
  const repo = repoFromDir(join(HUB_SAMPLES, folder), id, { sha: COMMIT_A, refs: { main: COMMIT_A } });
  return { ...repo, files: repo.files.filter((f) => !f.path.startsWith("_") && f.path !== "SOURCE.md") };
}

export function hubSampleFolders(): string[] {
  return readdirSync(HUB_SAMPLES).sort();
}
