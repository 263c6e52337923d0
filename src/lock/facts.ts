import type { HubObservation } from "./hub-state.js";

/** Where a lock-check result points a person: a line of the lock file or of the code that loads the model. */
export interface CodeLocation {
  path: string;
  line: number;
  snippet?: string;
}

declare module "../types/fact.js" {
  interface FactTypes {
    /** A model the code references that the lock does not cover (or covers at another revision). */
    "lock.not-assessed": { id: string; revision: string | null; lockedRevisions: string[]; lockFile: string; location: CodeLocation };
    /** One thing the Hub says now about a locked model that differs from the lock. */
    "lock.hub-drift": { id: string; revision: string; commit: string; observation: HubObservation; location: CodeLocation; summary?: string };
    /** A local file that is not the locked bytes (or a locked file missing, or an extra one). */
    "lock.local-drift": {
      id: string;
      commit: string;
      dir: string;
      state: "changed" | "missing" | "extra" | "no-folder";
      file?: string;
      expected?: string;
      actual?: string;
      location: CodeLocation;
    };
  }
}
