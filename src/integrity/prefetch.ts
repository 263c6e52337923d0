import { realpath, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { detectHfCacheSnapshot } from "../sources/hf-cache.js";
import { listLocalFiles } from "../sources/local-dir.js";
import { GIT_SHA1_MAX_UNPUBLISHED_BYTES } from "./digest.js";
import { sharedHashPool } from "./hash-pool.js";

/**
 * Starts hashing the large files of a local target on worker threads before the scan asks for
 * them, so the SHA-256 of big weights overlaps the CLI's start-up (module loading, rule parsing)
 * instead of following it. Only files the scan hashes SHA-256-only are prefetched (above
 * GIT_SHA1_MAX_UNPUBLISHED_BYTES), listed by the same functions the local sources use so the
 * paths match. Best effort: any problem is left for the scan itself to report.
 */
export async function prefetchLocalDigests(target: string): Promise<void> {
  try {
    const path = resolve(target);
    const st = await stat(path);
    let files: { absPath: string; size: number }[];
    if (st.isFile()) files = [{ absPath: await realpath(path), size: st.size }];
    else if (st.isDirectory()) {
      const snap = detectHfCacheSnapshot(path);
      files = snap ? await listLocalFiles(snap.snapshotDir, snap.repoDir) : await listLocalFiles(path);
    } else return;
    const pool = sharedHashPool();
    for (const f of files) if (f.size > GIT_SHA1_MAX_UNPUBLISHED_BYTES) void pool.prefetch(f.absPath);
  } catch {
    // The scan lists and reads the target again and reports whatever went wrong here.
  }
}
