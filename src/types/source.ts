import type { HubApi } from "./hub-api.js";
import type { Artifact, PublishedHashes } from "./artifact.js";
import type { Fact } from "./fact.js";

export type TargetKind = "hub" | "local-dir" | "local-file" | "hf-cache";

export interface ScanTarget {
  kind: TargetKind;
  /** What the user typed. */
  input: string;
  repoId?: string;
  /** The revision the user asked for (branch, tag or commit). */
  revision?: string;
  /** The commit every request was pinned to. */
  commitSha?: string;
  hubUrl?: string;
  /** For `--against`: the Hub revision local files were compared with. */
  against?: { repoId: string; revision: string; commitSha?: string };
}

/** One file of the repository listing (every file, including ones not downloaded). */
export interface RepoFile {
  path: string;
  size: number;
  published?: PublishedHashes;
  /** Hub per-file scanner verdict, when the Hub gave one. */
  hubSecurityStatus?: string;
}

/** Digest computed while the bytes were read (download or local read). */
export interface FileDigest {
  sha256: string;
  gitSha1: string;
  size: number;
}

export interface SourcedArtifact extends Artifact {
  /** Filled when the source already hashed the bytes while fetching them. */
  digest?: FileDigest;
  /** Set when the source could not fetch this file: the scan records it as "could not be checked". */
  unreadable?: string;
  /** Local path of the bytes, used for the fast hashing path. */
  localPath?: string;
  /** Releases file handles or connections once the artifact was inspected. */
  close?(): Promise<void>;
}

export interface ResolvedSource {
  target: ScanTarget;
  /** Every file in the repo (or folder), whether or not it will be read. */
  files: RepoFile[];
  /** Target-level facts (model info, repo security status, ...). */
  facts: Fact[];
  /** The artifacts to inspect. */
  artifacts(): AsyncIterable<SourcedArtifact>;
  /** Bytes fetched over the network, per path. */
  bytesTransferred(): Map<string, number>;
  /** Hub metadata access for inspectors that follow references; absent offline. */
  hub?: HubApi;
}
