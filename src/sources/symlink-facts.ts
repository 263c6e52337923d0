/** Why a symlink in a scanned folder was not followed. */
export type SymlinkProblem = "outside" | "dangling" | "loop";

export interface SymlinkNotFollowed {
  /** The link, repo-relative with forward slashes. */
  link: string;
  /** Where it points: the resolved path when it resolves, else the link text as written. */
  target: string;
  problem: SymlinkProblem;
}

declare module "../types/fact.js" {
  interface FactTypes {
    /**
     * A symlink the folder walk did not follow: out of the scanned root (loaders follow it, so what
     * they load was not checked), dangling, or part of a loop.
     */
    "source.symlink": SymlinkNotFollowed;
  }
}
