import type { RepoKind } from "./types.js";

/** A Hub repo named at one place in a codebase (`modelgate discover`). */
export interface DiscoverReferenceFact {
  id: string;
  kind: RepoKind;
  revision: string | null;
  pinned: boolean;
  path: string;
  line: number;
  snippet: string;
}

/** A model-loading call or key whose repo or revision is only known at run time. */
export interface DiscoverDynamicFact {
  path: string;
  line: number;
  snippet: string;
}

declare module "../types/fact.js" {
  interface FactTypes {
    "discover.reference": DiscoverReferenceFact;
    "discover.dynamic": DiscoverDynamicFact;
  }
}
