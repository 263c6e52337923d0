import type { ArtifactRef } from "./artifact.js";
import type { Region } from "./region.js";

/**
 * Fact payloads by kind. Each inspector folder adds its own kinds by declaration merging:
 *
 *   declare module "../../types/fact.js" { interface FactTypes { "pickle.global": PickleGlobal } }
 *
 * so adding a format never edits a central file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FactTypes {
  /** Every inspected artifact: its format decided from bytes, and where it sits. */
  "artifact.format": { format: import("./format.js").Format; size: number; name: string; depth: number };
  /** An inspector failed in a way that is a modelgate bug; the artifact counts as not fully checked. */
  "scan.inspector-failed": { inspector: string; message: string };
  /** Hub metadata of the scanned repo (checklist item 1). */
  "source.model": import("./report.js").ModelSourceInfo;
  /** One repo file's computed hashes against the published ones (checklist item 7). */
  "integrity.digest": {
    expected?: import("./artifact.js").PublishedHashes;
    actual?: import("./source.js").FileDigest;
    state: import("./report.js").VerificationState;
    note?: string;
  };
  /**
   * A chat template found anywhere (tokenizer_config.json, chat_template.jinja/.json, GGUF
   * metadata). Emitted by whichever inspector reads the container; analysed by the template checks.
   */
  "template.found": {
    template: string;
    /** Named template ("default", "tool_use") when the container holds several. */
    name?: string;
    origin: "tokenizer_config" | "chat_template.jinja" | "chat_template.json" | "gguf" | "other";
  };
  /** An inspector could not parse an artifact (engine-produced from ParseError). */
  "scan.parse-error": { message: string; format?: string };
  /** An inspector hit a MAX_* limit (engine-produced from LimitExceededError). */
  "scan.limit-exceeded": { message: string; limit: string };
  /** An artifact could not be read or fetched at all. */
  "scan.unreadable": { message: string };
}

export type FactKind = keyof FactTypes;

export type FactOf<K extends FactKind> = {
  kind: K;
  /** The artifact the fact is about; absent for target-level facts (repo metadata, lineage). */
  artifact?: ArtifactRef;
  region?: Region;
  data: FactTypes[K];
};

export type Fact = { [K in FactKind]: FactOf<K> }[FactKind];

export function fact<K extends FactKind>(kind: K, data: FactTypes[K], artifact?: ArtifactRef, region?: Region): FactOf<K> {
  const f: FactOf<K> = { kind, data };
  if (artifact) f.artifact = artifact;
  if (region) f.region = region;
  return f;
}
