import type { PublishedHashes } from "../types/artifact.js";
import type { FactTypes } from "../types/fact.js";
import type { FileDigest } from "../types/source.js";

export type DigestFact = FactTypes["integrity.digest"];

/**
 * Compares computed hashes with published ones. LFS files are judged by SHA-256 (`lfs.oid`),
 * plain git files by the git blob SHA-1; the size is compared whenever it is known. A file
 * with nothing published is "unverifiable", never "verified".
 */
export function verifyDigest(actual: FileDigest, expected: PublishedHashes | undefined): DigestFact {
  if (!expected || (!expected.sha256 && !(expected.gitSha1 && !expected.lfs))) {
    return { actual, ...(expected ? { expected } : {}), state: "unverifiable", note: "no published hash to compare with" };
  }
  const problems: string[] = [];
  if (expected.size !== undefined && expected.size !== actual.size) problems.push(`size ${actual.size} differs from published ${expected.size}`);
  if (expected.sha256) {
    if (expected.sha256.toLowerCase() !== actual.sha256) problems.push(`SHA-256 ${actual.sha256} differs from published ${expected.sha256.toLowerCase()}`);
  } else if (expected.gitSha1 && !expected.lfs) {
    if (expected.gitSha1.toLowerCase() !== actual.gitSha1) problems.push(`git blob SHA-1 ${actual.gitSha1 || "(incomplete read)"} differs from published ${expected.gitSha1.toLowerCase()}`);
  }
  if (problems.length > 0) return { actual, expected, state: "mismatch", note: problems.join("; ") };
  const by = expected.sha256 ? "SHA-256" : "git blob SHA-1";
  return { actual, expected, state: "verified", note: `${by} and size match the published values` };
}
