/** Random access to the bytes of one artifact: a local file, a ranged HTTP resource or an archive member. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
  /** Bytes actually fetched from the underlying medium so far (for "bytes transferred" reporting). */
  readonly bytesRead: number;
}

/** Hashes the publisher advertises for a file (Hub tree entry or HF cache blob name). */
export interface PublishedHashes {
  /** LFS content hash (`lfs.oid`), lowercase hex. */
  sha256?: string;
  /** Git blob SHA-1 (`oid`) of the file as stored in git; for LFS files this is the pointer's hash. */
  gitSha1?: string;
  xetHash?: string;
  size?: number;
  /** True when the file is stored through LFS (so `gitSha1` hashes the pointer, not the content). */
  lfs?: boolean;
}

/** Where an artifact lives; nested refs describe archive members: `model.bin!/archive/data.pkl`. */
export interface ArtifactRef {
  path: string;
  parent?: ArtifactRef;
}

export type ArtifactOrigin = "hub" | "local" | "hf-cache" | "member";

export interface Artifact {
  ref: ArtifactRef;
  source: ByteSource;
  origin: ArtifactOrigin;
  published?: PublishedHashes;
}

export function refToString(ref: ArtifactRef): string {
  return ref.parent ? `${refToString(ref.parent)}!/${ref.path}` : ref.path;
}

export function rootRef(ref: ArtifactRef): ArtifactRef {
  return ref.parent ? rootRef(ref.parent) : ref;
}
