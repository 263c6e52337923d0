import { refToString, type ArtifactRef } from "../types/artifact.js";
import type { FileEntry, ScanReport } from "../types/report.js";
import type { SarifArtifact, SarifArtifactLocation, SarifRegion } from "./sarif-types.js";

/**
 * Percent-encodes one path segment. A hostile repo or archive can name a member `..` or `.`,
 * which a SARIF viewer resolving URIs would walk out of the artifact with, so dot segments are
 * encoded too (RFC 3986 §5.2.4 only removes literal dot segments).
 */
function encodeSegment(segment: string): string {
  if (segment === ".") return "%2E";
  if (segment === "..") return "%2E%2E";
  return encodeURIComponent(segment);
}

/** Repo-relative URI of a repo file (what GitHub code scanning matches against the checkout). */
export function repoUri(path: string): string {
  return path.split("/").filter((s) => s.length > 0).map(encodeSegment).join("/");
}

/**
 * URI of an archive member, relative to its containing artifact (`parentIndex`). SARIF1004 forbids
 * a leading slash on a relative reference, and empty segments are dropped, so a tar member named
 * `/etc/passwd` or `//host/x` never becomes an absolute-path or network-path reference.
 */
export function memberUri(path: string): string {
  return repoUri(path) || encodeURIComponent("(unnamed)");
}

/** The base every repo-relative URI is resolved against (GitHub's conventional name). */
export const ROOT_BASE_ID = "%SRCROOT%";

function rootLocation(path: string): SarifArtifactLocation {
  return { uri: repoUri(path) || encodeURIComponent("(unnamed)"), uriBaseId: ROOT_BASE_ID };
}

/** Splits `a.bin!/archive/data.pkl` back into the chain of container paths. */
function splitRef(full: string): string[] {
  return full.split("!/");
}

function fileProperties(f: FileEntry): Record<string, unknown> {
  const p: Record<string, unknown> = { verification: f.verification };
  if (f.note !== undefined) p["note"] = f.note;
  if (f.format !== undefined) p["format"] = f.format;
  if (f.gitSha1 !== undefined) p["gitBlobSha1"] = f.gitSha1;
  if (f.expected !== undefined) p["expected"] = f.expected;
  if (f.bytesTransferred !== undefined) p["bytesTransferred"] = f.bytesTransferred;
  if (f.hubSecurityStatus !== undefined) p["hubSecurityStatus"] = f.hubSecurityStatus;
  return p;
}

/**
 * `run.artifacts`: every repo file (with its hashes and verification state), then every archive
 * member inspected (with `parentIndex`), then anything a finding names that the listing lacks.
 * Indices are assigned in that deterministic order.
 */
export class ArtifactTable {
  readonly artifacts: SarifArtifact[] = [];
  private readonly byRef = new Map<string, number>();

  constructor(report: Pick<ScanReport, "files">) {
    for (const f of report.files) {
      const a: SarifArtifact = { location: rootLocation(f.path), length: f.size, roles: ["analysisTarget"], properties: fileProperties(f) };
      if (f.sha256) a.hashes = { "sha-256": f.sha256 };
      this.add(f.path, a);
    }
    for (const f of report.files) {
      for (const m of [...(f.members ?? [])].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))) {
        const idx = this.ensurePath(m.path);
        const a = this.artifacts[idx];
        if (a) {
          a.length = m.size;
          if (m.format) a.properties = { ...a.properties, format: m.format };
        }
      }
    }
  }

  private add(key: string, artifact: SarifArtifact): number {
    const existing = this.byRef.get(key);
    if (existing !== undefined) return existing;
    this.artifacts.push(artifact);
    this.byRef.set(key, this.artifacts.length - 1);
    return this.artifacts.length - 1;
  }

  /** Index of a `file!/member!/member` path, adding it and its containers when missing. */
  ensurePath(full: string): number {
    const known = this.byRef.get(full);
    if (known !== undefined) return known;
    const parts = splitRef(full);
    if (parts.length === 1) return this.add(full, { location: rootLocation(full), roles: ["analysisTarget"] });
    const parentIndex = this.ensurePath(parts.slice(0, -1).join("!/"));
    return this.add(full, { location: { uri: memberUri(parts[parts.length - 1] ?? "") }, parentIndex, properties: { path: full } });
  }

  /** Like `ensurePath`, but follows the ref chain, so a file name containing `!/` stays one file. */
  ensureRef(ref: ArtifactRef): number {
    const full = refToString(ref);
    const known = this.byRef.get(full);
    if (known !== undefined) return known;
    if (!ref.parent) return this.add(full, { location: rootLocation(ref.path), roles: ["analysisTarget"] });
    const parentIndex = this.ensureRef(ref.parent);
    return this.add(full, { location: { uri: memberUri(ref.path) }, parentIndex, properties: { path: full } });
  }

  /**
   * A region covering the whole artifact, for results about a file as a whole (SARIF2017 wants
   * every location to say where it starts and ends). Text files get line 1, which is where
   * GitHub anchors a file-level alert; binary files get their whole byte range, since lines mean
   * nothing there.
   */
  wholeRegion(index: number): SarifRegion | undefined {
    const a = this.artifacts[index];
    if (!a) return undefined;
    const format = a.properties?.["format"];
    if (format === "text" || format === "json" || a.length === undefined) return { startLine: 1 };
    return { byteOffset: 0, byteLength: a.length };
  }

  /** An artifactLocation pointing at an entry of the table (uri and index agree, as SARIF requires). */
  location(index: number): SarifArtifactLocation {
    const a = this.artifacts[index];
    return { ...(a?.location ?? { uri: "" }), index };
  }
}
