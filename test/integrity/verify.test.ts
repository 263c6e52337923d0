import { describe, expect, it } from "vitest";
import { verifyDigest } from "../../src/integrity/verify.js";

const actual = {
  sha256: "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
  gitSha1: "ce013625030ba8dba906f756967f9e9ca394464a",
  size: 6,
};
const OTHER_SHA256 = "0".repeat(64);
const OTHER_SHA1 = "1".repeat(40);

describe("verifyDigest", () => {
  it("verifies an LFS file by its SHA-256 and size", () => {
    const r = verifyDigest(actual, { sha256: actual.sha256, size: 6, lfs: true, gitSha1: OTHER_SHA1 });
    expect(r.state).toBe("verified");
    expect(r.note).toMatch(/SHA-256/);
  });

  it("accepts a published SHA-256 in upper case", () => {
    expect(verifyDigest(actual, { sha256: actual.sha256.toUpperCase(), lfs: true }).state).toBe("verified");
  });

  it("verifies a plain git file by its blob SHA-1", () => {
    const r = verifyDigest(actual, { gitSha1: actual.gitSha1, size: 6, lfs: false });
    expect(r.state).toBe("verified");
    expect(r.note).toMatch(/git blob SHA-1/);
  });

  it("ignores the pointer SHA-1 of an LFS file and judges by SHA-256", () => {
    // For LFS files the tree oid hashes the pointer file, never the content.
    expect(verifyDigest(actual, { sha256: OTHER_SHA256, gitSha1: actual.gitSha1, lfs: true }).state).toBe("mismatch");
  });

  it("reports a SHA-256 mismatch with both hashes", () => {
    const r = verifyDigest(actual, { sha256: OTHER_SHA256, lfs: true });
    expect(r.state).toBe("mismatch");
    expect(r.note).toContain(actual.sha256);
    expect(r.note).toContain(OTHER_SHA256);
  });

  it("reports a git blob SHA-1 mismatch", () => {
    const r = verifyDigest(actual, { gitSha1: OTHER_SHA1, lfs: false });
    expect(r.state).toBe("mismatch");
    expect(r.note).toContain(OTHER_SHA1);
  });

  it("reports a size mismatch even when the hash matches", () => {
    const r = verifyDigest(actual, { sha256: actual.sha256, size: 7, lfs: true });
    expect(r.state).toBe("mismatch");
    expect(r.note).toMatch(/size 6 differs from published 7/);
  });

  it("says a git SHA-1 could not be computed when the read was incomplete", () => {
    const r = verifyDigest({ ...actual, gitSha1: "" }, { gitSha1: actual.gitSha1, lfs: false });
    expect(r.state).toBe("mismatch");
    expect(r.note).toMatch(/incomplete read/);
  });

  it("calls a file with nothing published unverifiable, never verified", () => {
    expect(verifyDigest(actual, undefined).state).toBe("unverifiable");
  });

  it("calls an LFS file with only a pointer SHA-1 unverifiable", () => {
    expect(verifyDigest(actual, { gitSha1: actual.gitSha1, lfs: true }).state).toBe("unverifiable");
  });
});
