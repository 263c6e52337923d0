import type { DiscoverLocation, DiscoverReport } from "./types.js";

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLocation(a: DiscoverLocation, b: DiscoverLocation): number {
  return cmp(a.path, b.path) || a.line - b.line;
}

/** Puts every list in a fixed order (ids, then kind and revision; paths, then lines) so output is diffable. */
export function sortReport(r: DiscoverReport): DiscoverReport {
  for (const ref of r.references) ref.locations.sort(byLocation);
  r.references.sort((a, b) => cmp(a.id.toLowerCase(), b.id.toLowerCase()) || cmp(a.id, b.id) || cmp(a.kind, b.kind) || cmp(a.revision ?? "", b.revision ?? ""));
  r.dynamic.sort(byLocation);
  r.findings.sort((a, b) => cmp(a.artifact?.path ?? "", b.artifact?.path ?? "") || (a.region?.startLine ?? 0) - (b.region?.startLine ?? 0) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  r.notChecked.sort((a, b) => cmp(a.path, b.path));
  return r;
}
