import type { AdvisoryReference } from "../../types/finding.js";

/** One requirement a repo declares (requirements*.txt, setup.py install_requires, pyproject.toml). */
export interface Requirement {
  /** PEP 503-normalised name. */
  package: string;
  /** PEP 440 specifier set as written (`>=4.30,<4.36`), "" when unconstrained. */
  specifier: string;
  raw: string;
  sourceFile: string;
  line: number;
}

/** A library version a config records (the version that saved the model, not the loader's). */
export interface SavedWith {
  package: string;
  version: string;
  sourceFile: string;
  /** `transformers_version`, `_diffusers_version`, `__version__.sentence_transformers`, ... */
  key: string;
}

/** The library a card or config says loads the model (`library_name`). */
export interface LoaderLibrary {
  package: string;
  sourceFile: string;
  key: string;
}

export interface AdvisorySetInfo {
  date: string;
  count: number;
  source: string;
}

/** A requirement that pins or allows only versions an advisory affects. */
export interface AdvisoryMatch {
  advisoryId: string;
  aliases: string[];
  package: string;
  /** The pinned version, or the specifier when a range allows only affected versions. */
  version: string;
  sourceFile: string;
  line: number;
  /** The advisory's own severity; absent when the record has none. */
  severity?: "critical" | "high" | "medium" | "low";
  summary: string;
  /** The advisory as cited: ids, affected range, fixed versions. */
  reference: AdvisoryReference;
  /** The lowest version past every known advisory of the package. */
  minimumSafe?: string;
}

/** How tightly a requirement is pinned, and which advisories the versions it allows could hit. */
export interface RequirementStatus {
  package: string;
  specifier: string;
  sourceFile: string;
  line: number;
  state: "pinned" | "bounded" | "unpinned" | "unparseable";
  /** Advisories that some allowed version is affected by. */
  admitsVulnerable: string[];
  /** The same advisories as cited: ids, affected range, fixed versions. */
  admitted: AdvisoryReference[];
  /** Advisories every allowed version is affected by (already reported as advisory matches). */
  onlyVulnerable: string[];
  minimumSafe?: string;
}

/** A saved-with version or loader library, with what the advisory set says about loading it. */
export interface LoaderVersionNote {
  package: string;
  sourceFile: string;
  key: string;
  savedWith?: string;
  minimumSafe?: string;
  advisoryCount: number;
  /** Advisories that affect the saved-with version itself. */
  savedWithAffectedBy: string[];
  /** Every known advisory of the package, as cited: ids, affected range, fixed versions. */
  advisories: AdvisoryReference[];
}

declare module "../../types/fact.js" {
  interface FactTypes {
    "dependencies.requirement": Requirement;
    "dependencies.saved-with": SavedWith;
    "dependencies.library": LoaderLibrary;
    "dependencies.advisory-set": AdvisorySetInfo;
    "dependencies.advisory-match": AdvisoryMatch;
    "dependencies.requirement-status": RequirementStatus;
    "dependencies.loader-version": LoaderVersionNote;
  }
}
