import { ConfigError } from "../errors.js";
import { normalizePackageName, osvProblem, type OsvRecord } from "./osv.js";
import { cmp, isAffected } from "./versions.js";

/** The offline advisory set (`rules/_lists/advisories.json`): OSV records plus the set's date. */
export interface AdvisorySet {
  date: string;
  source: string;
  /** Normalised names of the packages the set tracks (what `advisories update` keeps). */
  packages: string[];
  entries: OsvRecord[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates the set's shape where it is used; a broken set is a configuration error, not a finding. */
export function parseAdvisorySet(raw: unknown): AdvisorySet {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError("advisories: expected an object with an entries: list of OSV records");
  const date = typeof raw["date"] === "string" ? raw["date"] : "unknown";
  const entries: OsvRecord[] = [];
  for (const e of raw["entries"]) {
    const problem = osvProblem(e);
    if (problem) throw new ConfigError(`advisories: invalid OSV record: ${problem}`);
    entries.push(e as OsvRecord);
  }
  const packages = Array.isArray(raw["packages"]) ? raw["packages"].filter((p): p is string => typeof p === "string").map(normalizePackageName) : [];
  return { date, source: typeof raw["source"] === "string" ? raw["source"] : "", packages, entries };
}

/** PyPI `affected` entries of a record for one package. */
export function affectedFor(record: OsvRecord, pkg: string): OsvRecord["affected"] {
  const name = normalizePackageName(pkg);
  return record.affected.filter((a) => a.package.ecosystem === "PyPI" && normalizePackageName(a.package.name) === name);
}

/** Records that name the package (withdrawn ones are skipped). */
export function recordsFor(set: AdvisorySet, pkg: string): OsvRecord[] {
  return set.entries.filter((r) => !r.withdrawn && affectedFor(r, pkg).length > 0);
}

/** Records affecting one concrete version of a package. */
export function advisoriesAffecting(set: AdvisorySet, pkg: string, version: string): OsvRecord[] {
  return recordsFor(set, pkg).filter((r) => affectedFor(r, pkg).some((a) => isAffected(version, a)));
}

/**
 * The lowest version past every known advisory of the package: the highest `fixed` version, if no
 * record affects it. Undefined when there is no advisory or no fix covers them all.
 */
export function minimumSafeVersion(set: AdvisorySet, pkg: string): string | undefined {
  const records = recordsFor(set, pkg);
  const fixes = records.flatMap((r) => affectedFor(r, pkg).flatMap((a) => (a.ranges ?? []).flatMap((rg) => rg.events.flatMap((e) => (e.fixed ? [e.fixed] : [])))));
  const sorted = [...new Set(fixes)].filter((v) => cmp(v, v) === 0).sort((a, b) => cmp(a, b) ?? 0);
  const top = sorted[sorted.length - 1];
  if (!top) return undefined;
  return records.some((r) => affectedFor(r, pkg).some((a) => isAffected(top, a))) ? undefined : top;
}
