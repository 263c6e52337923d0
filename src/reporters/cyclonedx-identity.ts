import { createHash } from "node:crypto";
import { PackageURL } from "packageurl-js";
import type { FileEntry, ScanReport } from "../types/report.js";
import { publicUrl } from "./public-url.js";

const DEFAULT_HUB = "https://huggingface.co";

/** Which Hub repo and commit a scanned model claims to be, and how the BOM names it. */
export interface ModelIdentity {
  /** Component name: the repo name, or the folder/file name for a local scan. */
  name: string;
  /** Component group: the repo owner. */
  group?: string;
  /** The commit, or absent when there is none (a local scan without --against). */
  version?: string;
  repoId?: string;
  hubUrl: string;
  /** `pkg:huggingface/owner/name@commit`; absent when the bytes are not tied to a Hub commit. */
  purl?: string;
  /** Unique in the BOM: the purl, else `local:<name>@sha256:<manifest digest>`. */
  bomRef: string;
  /** SHA-256 over `<sha256>  <path>\n` lines sorted by path (the `sha256sum` format) of every file. */
  manifestSha256: string;
}

function baseName(input: string): string {
  const parts = input.replace(/[\\/]+$/, "").split(/[\\/]/);
  return parts.at(-1) || "model";
}

/**
 * A digest of the files' names and contents that anyone can recompute with
 * `find . -type f | sort | xargs sha256sum`-style tooling; a file whose hash is not known (not
 * downloaded, unreadable) enters as `-` so the digest still names every file.
 */
export function manifestDigest(files: readonly FileEntry[]): string {
  const lines = files
    .map((f) => `${f.sha256 ?? f.expected?.sha256 ?? "-"}  ${f.path}\n`)
    .sort((a, b) => {
      const pa = a.slice(a.indexOf("  ") + 2);
      const pb = b.slice(b.indexOf("  ") + 2);
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
  return createHash("sha256").update(lines.join("")).digest("hex");
}

/**
 * Hub scans, HF-cache snapshots and local folders compared `--against` a Hub revision name the
 * repo and commit the bytes claim to be, so they get the Hub purl (files that differ are listed as
 * vulnerabilities). A plain local folder has no such claim: no purl is invented; it is named by its
 * folder name and identified by the digest of its file manifest.
 */
export function modelIdentity(report: ScanReport): ModelIdentity {
  const t = report.target;
  const hubUrl = publicUrl(t.hubUrl ?? report.source?.hubUrl ?? DEFAULT_HUB).replace(/\/+$/, "");
  const manifestSha256 = manifestDigest(report.files);
  const repo = t.repoId ? { repoId: t.repoId, commitSha: t.commitSha } : t.against ? { repoId: t.against.repoId, commitSha: t.against.commitSha } : undefined;
  if (repo) {
    const slash = repo.repoId.indexOf("/");
    const group = slash > 0 ? repo.repoId.slice(0, slash) : undefined;
    const name = slash > 0 ? repo.repoId.slice(slash + 1) : repo.repoId;
    const purl = new PackageURL("huggingface", group, name, repo.commitSha?.toLowerCase(), undefined, undefined).toString();
    return { name, ...(group ? { group } : {}), ...(repo.commitSha ? { version: repo.commitSha } : {}), repoId: repo.repoId, hubUrl, purl, bomRef: purl, manifestSha256 };
  }
  const name = baseName(t.input);
  return { name, hubUrl, bomRef: `local:${encodeURIComponent(name)}@sha256:${manifestSha256}`, manifestSha256 };
}

/** The bom-ref of one file of a model: the model's ref with the path as a purl-style subpath. */
export function fileBomRef(model: ModelIdentity, path: string): string {
  return `${model.bomRef}#${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Hub web URL of a repo, optionally at a commit and a file. */
export function hubRepoUrl(hubUrl: string, repoId: string, kind: "model" | "dataset" = "model"): string {
  const path = repoId.split("/").map(encodeURIComponent).join("/");
  return `${hubUrl}/${kind === "dataset" ? "datasets/" : ""}${path}`;
}

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) over the BOM's content, so the same scan gives the
 * same serialNumber and any change gives another.
 */
export function contentUuid(content: string): string {
  // Namespace: the RFC's URL namespace, the content is a BOM, not a URL, but any fixed namespace works.
  const namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const h = createHash("sha1").update(namespace).update(content).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
