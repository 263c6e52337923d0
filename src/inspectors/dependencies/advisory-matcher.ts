import { normalizePackageName, osvSeverity, type OsvRecord } from "../../advisories/osv.js";
import { advisoriesAffecting, affectedFor, minimumSafeVersion, parseAdvisorySet, recordsFor, type AdvisorySet } from "../../advisories/store.js";
import { cmp, intervalInsideRange, intervalOverlapsRange, specifierInterval, type Interval } from "../../advisories/versions.js";
import { advisoryReference } from "../../advisories/advisory-reference.js";
import { fact, type Fact, type FactOf } from "../../types/fact.js";
import type { RepoInspector } from "../../types/inspector.js";
import type { AdvisoryMatch } from "./facts.js";

function onlyAffected(iv: Interval, record: OsvRecord, pkg: string): boolean {
  // Explicit version lists compare as PEP 440 versions: a pin of 2.0 matches a listed 2.0.0.
  const exact = iv.exact;
  return affectedFor(record, pkg).some((a) => (exact !== undefined && (a.versions ?? []).some((v) => cmp(v, exact) === 0)) || (a.ranges ?? []).some((r) => intervalInsideRange(iv, r)));
}

function admits(iv: Interval, record: OsvRecord, pkg: string): boolean {
  return affectedFor(record, pkg).some((a) => (a.ranges ?? []).some((r) => intervalOverlapsRange(iv, r)));
}

function requirementFacts(req: FactOf<"dependencies.requirement">, set: AdvisorySet): Fact[] {
  const { package: pkg, specifier, sourceFile, line } = req.data;
  const records = recordsFor(set, pkg);
  const minimumSafe = minimumSafeVersion(set, pkg);
  const iv = specifierInterval(specifier);
  const base = { package: pkg, specifier, sourceFile, line, ...(minimumSafe ? { minimumSafe } : {}) };
  if (!iv) return [fact("dependencies.requirement-status", { ...base, state: "unparseable", admitsVulnerable: [], admitted: [], onlyVulnerable: [] }, req.artifact, req.region)];
  const out: Fact[] = [];
  const onlyVulnerable: string[] = [];
  for (const r of records) {
    if (!onlyAffected(iv, r, pkg)) continue;
    onlyVulnerable.push(r.id);
    const m: AdvisoryMatch = { advisoryId: r.id, aliases: r.aliases ?? [], package: pkg, version: iv.exact ?? specifier, sourceFile, line, summary: r.summary ?? r.details?.slice(0, 200) ?? r.id, reference: advisoryReference(r, pkg) };
    const sev = osvSeverity(r);
    if (sev) m.severity = sev;
    if (minimumSafe) m.minimumSafe = minimumSafe;
    out.push(fact("dependencies.advisory-match", m, req.artifact, req.region));
  }
  const state = iv.exact !== undefined ? "pinned" : iv.upper ? "bounded" : "unpinned";
  const admitted = records.filter((r) => admits(iv, r, pkg));
  const status = { ...base, state, admitsVulnerable: admitted.map((r) => r.id), admitted: admitted.map((r) => advisoryReference(r, pkg)), onlyVulnerable } as const;
  out.push(fact("dependencies.requirement-status", status, req.artifact, req.region));
  return out;
}

function loaderNote(pkg: string, sourceFile: string, key: string, savedWith: string | undefined, set: AdvisorySet, src: Fact): Fact {
  const minimumSafe = minimumSafeVersion(set, pkg);
  const note = {
    package: pkg,
    sourceFile,
    key,
    advisoryCount: recordsFor(set, pkg).length,
    advisories: recordsFor(set, pkg).map((r) => advisoryReference(r, pkg)),
    savedWithAffectedBy: savedWith ? advisoriesAffecting(set, pkg, savedWith).map((r) => r.id) : [],
    ...(savedWith ? { savedWith } : {}),
    ...(minimumSafe ? { minimumSafe } : {}),
  };
  return fact("dependencies.loader-version", note, src.artifact, src.region);
}

/**
 * Matches every declared requirement and recorded library version against the offline OSV
 * advisory set (`rules/_lists/advisories.json`, extensible by policy), with PEP 440 ordering.
 */
export const advisoryMatcher: RepoInspector = {
  name: "advisory-matcher",
  async *inspectRepo(facts, ctx) {
    const set = parseAdvisorySet(ctx.list("advisories"));
    const out: Fact[] = [fact("dependencies.advisory-set", { date: set.date, count: set.entries.length, source: set.source })];
    for (const f of facts) {
      if (f.kind === "dependencies.requirement") out.push(...requirementFacts(f, set));
      else if (f.kind === "dependencies.saved-with") out.push(loaderNote(f.data.package, f.data.sourceFile, f.data.key, f.data.version, set, f));
      else if (f.kind === "dependencies.library") out.push(loaderNote(normalizePackageName(f.data.package), f.data.sourceFile, f.data.key, undefined, set, f));
    }
    yield* out;
  },
};
