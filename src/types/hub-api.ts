/** The subset of Hub metadata calls inspectors may use (lineage, datasets). Implemented in sources/. */
export interface HubRepoInfo {
  repoId: string;
  kind: "model" | "dataset";
  found: boolean;
  /** Set when the repo exists but could not be read (gated, private, error). */
  error?: string;
  sha?: string;
  gated?: false | "auto" | "manual";
  private?: boolean;
  cardData?: Record<string, unknown>;
  tags?: string[];
  /** README.md text at that revision, when fetched. */
  readme?: string;
}

export interface HubApi {
  modelInfo(repoId: string, revision?: string): Promise<HubRepoInfo>;
  datasetInfo(repoId: string, revision?: string): Promise<HubRepoInfo>;
}
