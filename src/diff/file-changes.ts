import type { RepoFile } from "../types/source.js";

export interface FileChange {
  path: string;
  change: "added" | "removed" | "changed";
  sizeA?: number;
  sizeB?: number;
  /** The hash the comparison used on each side (`sha256:…` for LFS files, else `git-sha1:…`). */
  hashA?: string;
  hashB?: string;
}

/** The content hash a file is compared by: SHA-256 when published (LFS), else the git blob SHA-1. */
export function contentHash(f: RepoFile): string | undefined {
  const p = f.published;
  if (p?.sha256) return `sha256:${p.sha256}`;
  if (p?.gitSha1 && !p.lfs) return `git-sha1:${p.gitSha1}`;
  return undefined;
}

/** Files added, removed and changed between two trees, by published hash and size. Pure. */
export function fileChanges(a: readonly RepoFile[], b: readonly RepoFile[]): FileChange[] {
  const before = new Map(a.map((f) => [f.path, f]));
  const out: FileChange[] = [];
  for (const fb of b) {
    const fa = before.get(fb.path);
    before.delete(fb.path);
    const hb = contentHash(fb);
    if (!fa) {
      out.push({ path: fb.path, change: "added", sizeB: fb.size, ...(hb ? { hashB: hb } : {}) });
      continue;
    }
    const ha = contentHash(fa);
    if (fa.size !== fb.size || ha !== hb) out.push({ path: fb.path, change: "changed", sizeA: fa.size, sizeB: fb.size, ...(ha ? { hashA: ha } : {}), ...(hb ? { hashB: hb } : {}) });
  }
  for (const fa of before.values()) {
    const ha = contentHash(fa);
    out.push({ path: fa.path, change: "removed", sizeA: fa.size, ...(ha ? { hashA: ha } : {}) });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
