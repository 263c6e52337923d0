import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { discover, type DiscoverParams } from "../../src/discover/discover.js";
import type { DiscoverReport } from "../../src/discover/types.js";

/** Writes `files` (path → text or bytes) under a fresh temporary folder and returns its path. */
export function writeCodebase(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-discover-"));
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** Runs discover on a temporary codebase made of `files`, then removes it. */
export function discoverFiles(files: Record<string, string | Uint8Array>, params: Omit<DiscoverParams, "dir"> = {}): DiscoverReport {
  const dir = writeCodebase(files);
  try {
    return discover({ ...params, dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `id@revision` (or `id`) of every reference, for compact assertions. */
export function refIds(r: DiscoverReport): string[] {
  return r.references.map((x) => `${x.kind === "dataset" ? "dataset:" : ""}${x.id}${x.revision ? `@${x.revision}` : ""}`);
}
