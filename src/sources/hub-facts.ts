/** Fact kinds produced by the Hub and `--against` sources (checked by src/checks/source/). */
declare module "../types/fact.js" {
  interface FactTypes {
    /**
     * A blob already in the Hugging Face cache did not match the hash it is named after: someone or
     * something altered the cache that other tools load from. The file was fetched again.
     */
    "source.cache-corrupted": { path: string; blob: string; expected: string; actual: string };
    /** `--against`: a file of the Hub revision that the local folder does not have. */
    "source.against-missing": { path: string; size: number; repoId: string; commitSha: string };
    /** `--against`: a local file the Hub revision does not have. */
    "source.against-extra": { path: string; size: number; repoId: string; commitSha: string };
  }
}

export {};
