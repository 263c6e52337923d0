import type { AdvisoryReference } from "../types/finding.js";
import type { OsvRecord } from "./osv.js";
import { affectedFor } from "./store.js";
import { cmp, rangeSpans, type Span } from "./versions.js";

const MAX_LISTED_VERSIONS = 3;

function spanText(s: Span): string {
  const from = s.introduced === "0" ? "" : `>=${s.introduced}`;
  const to = s.fixed !== undefined ? `<${s.fixed}` : s.lastAffected !== undefined ? `<=${s.lastAffected}` : "";
  return [from, to].filter(Boolean).join(", ") || "all versions";
}

/**
 * An advisory as an assessor cites it: its id, its CVE/GHSA/PYSEC aliases, the versions of the
 * package it affects (`<4.36.0`, `>=2.0, <2.2.1 or >=2.3, <2.3.1`) and the versions that fix it.
 */
export function advisoryReference(record: OsvRecord, pkg: string): AdvisoryReference {
  const ranges: string[] = [];
  const fixed = new Set<string>();
  for (const a of affectedFor(record, pkg)) {
    for (const r of a.ranges ?? []) {
      for (const s of rangeSpans(r)) {
        ranges.push(spanText(s));
        if (s.fixed !== undefined) fixed.add(s.fixed);
      }
    }
    const listed = a.versions ?? [];
    if (listed.length > 0 && (a.ranges ?? []).length === 0) {
      const shown = listed.slice(0, MAX_LISTED_VERSIONS).map((v) => `==${v}`).join(", ");
      ranges.push(listed.length > MAX_LISTED_VERSIONS ? `${shown} and ${listed.length - MAX_LISTED_VERSIONS} more listed versions` : shown);
    }
  }
  return {
    id: record.id,
    aliases: [...(record.aliases ?? [])].sort(),
    affected: [...new Set(ranges)].join(" or ") || "no version range given",
    fixed: [...fixed].sort((x, y) => cmp(x, y) ?? x.localeCompare(y)),
  };
}

/** `GHSA-… (CVE-…, PYSEC-…; affected <4.36.0, fixed in 4.36.0)`: one advisory, cited in a sentence. */
export function describeAdvisory(ref: AdvisoryReference): string {
  const fix = ref.fixed.length > 0 ? `fixed in ${ref.fixed.join(", ")}` : "no fixed version";
  return `${ref.id} (${[...ref.aliases, `affected ${ref.affected}`].join(", ")}; ${fix})`;
}
