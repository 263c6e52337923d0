import { refToString } from "../types/artifact.js";
import type { Fact, FactOf } from "../types/fact.js";
import type { FileEntry } from "../types/report.js";
import type { RepoFile } from "../types/source.js";

/**
 * One entry per repo file (sorted by path) with its format, hashes, verification state and the
 * archive members inspected inside it. Files listed but never read are "not-verified".
 */
export function buildFileEntries(files: readonly RepoFile[], facts: readonly Fact[], transferred: ReadonlyMap<string, number>): FileEntry[] {
  const digests = new Map<string, FactOf<"integrity.digest">>();
  const formats = new Map<string, FactOf<"artifact.format">>();
  const members = new Map<string, NonNullable<FileEntry["members"]>>();
  for (const f of facts) {
    if (!f.artifact) continue;
    if (f.kind === "integrity.digest" && !f.artifact.parent) digests.set(f.artifact.path, f);
    if (f.kind === "artifact.format") {
      if (!f.artifact.parent) formats.set(f.artifact.path, f);
      else {
        let root = f.artifact;
        while (root.parent) root = root.parent;
        const list = members.get(root.path) ?? [];
        list.push({ path: refToString(f.artifact), format: f.data.format, size: f.data.size });
        members.set(root.path, list);
      }
    }
  }
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => {
      const d = digests.get(file.path)?.data;
      const entry: FileEntry = { path: file.path, size: d?.actual?.size ?? file.size, verification: d?.state ?? "not-verified" };
      const format = formats.get(file.path)?.data.format;
      if (format) entry.format = format;
      if (d?.actual?.sha256) entry.sha256 = d.actual.sha256;
      if (d?.actual?.gitSha1) entry.gitSha1 = d.actual.gitSha1;
      const expected = d?.expected ?? file.published;
      if (expected) entry.expected = expected;
      entry.note = d?.note ?? "not read by this scan";
      const bytes = transferred.get(file.path);
      if (bytes !== undefined) entry.bytesTransferred = bytes;
      const m = members.get(file.path);
      if (m) entry.members = m;
      if (file.hubSecurityStatus) entry.hubSecurityStatus = file.hubSecurityStatus;
      return entry;
    });
}
