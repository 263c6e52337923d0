import { compare, valid } from "@renovatebot/pep440";
import { parse as parseSpecifier } from "@renovatebot/pep440/lib/specifier.js";
import type { OsvAffected, OsvRange } from "./osv.js";

/** PEP 440 comparison that never throws: an unparseable version compares as undefined. */
export function cmp(a: string, b: string): number | undefined {
  if (!valid(a) || !valid(b)) return undefined;
  return compare(a, b);
}

/**
 * Whether `version` falls in an OSV ECOSYSTEM range: events are walked in version order;
 * `introduced` opens an affected span, `fixed` closes it (exclusive), `last_affected` closes it
 * (inclusive). Pre-releases and local versions order as PEP 440 says: 4.36.0rc1 < 4.36.0, and
 * 2.0.1+cu118 > 2.0.1 (a local build of the fixed release is fixed).
 */
export function inRange(version: string, range: OsvRange): boolean {
  if (range.type !== "ECOSYSTEM" || !valid(version)) return false;
  const spans = rangeSpans(range);
  return spans.some((s) => {
    const lo = cmp(version, s.introduced);
    if (lo === undefined || lo < 0) return false;
    if (s.fixed !== undefined) return (cmp(version, s.fixed) ?? 1) < 0;
    if (s.lastAffected !== undefined) return (cmp(version, s.lastAffected) ?? 1) <= 0;
    return true;
  });
}

export interface Span {
  introduced: string;
  fixed?: string;
  lastAffected?: string;
}

/** The affected spans of one range: `introduced` … `fixed`/`last_affected`, in event order. */
export function rangeSpans(range: OsvRange): Span[] {
  const events = [...range.events].filter((e) => Object.values(e).every((v) => v === "0" || valid(v)));
  events.sort((a, b) => (cmp(eventVersion(a), eventVersion(b)) ?? 0));
  const spans: Span[] = [];
  let open: Span | undefined;
  for (const e of events) {
    if (e.introduced !== undefined) {
      if (!open) open = { introduced: e.introduced };
    } else if (open && e.fixed !== undefined) {
      spans.push({ ...open, fixed: e.fixed });
      open = undefined;
    } else if (open && e.last_affected !== undefined) {
      spans.push({ ...open, lastAffected: e.last_affected });
      open = undefined;
    }
  }
  if (open) spans.push(open);
  return spans;
}

function eventVersion(e: { introduced?: string; fixed?: string; last_affected?: string; limit?: string }): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? "0";
}

/** Whether a concrete version is affected by one `affected` entry (ranges or the explicit list). */
export function isAffected(version: string, affected: OsvAffected): boolean {
  if (affected.versions?.some((v) => cmp(v, version) === 0)) return true;
  return (affected.ranges ?? []).some((r) => inRange(version, r));
}

/** The versions a requirement specifier allows, as one interval (exclusions `!=` are ignored). */
export interface Interval {
  lower?: { version: string; inclusive: boolean };
  upper?: { version: string; inclusive: boolean };
  /** `==X` without a wildcard: one version. */
  exact?: string;
}

/** Next release after a prefix: `4.35` → `4.36.dev0`, so `==4.35.*` is [4.35, 4.36.dev0). */
function bumpPrefix(version: string): string | undefined {
  const parts = version.split(".").map((p) => Number.parseInt(p, 10));
  if (parts.some((p) => !Number.isFinite(p)) || parts.length === 0) return undefined;
  parts[parts.length - 1] = (parts[parts.length - 1] as number) + 1;
  return `${parts.join(".")}.dev0`;
}

function tighterLower(a: Interval["lower"], b: NonNullable<Interval["lower"]>): NonNullable<Interval["lower"]> {
  if (!a) return b;
  const c = cmp(a.version, b.version) ?? 0;
  return c > 0 || (c === 0 && !a.inclusive) ? a : b;
}

function tighterUpper(a: Interval["upper"], b: NonNullable<Interval["upper"]>): NonNullable<Interval["upper"]> {
  if (!a) return b;
  const c = cmp(a.version, b.version) ?? 0;
  return c < 0 || (c === 0 && !a.inclusive) ? a : b;
}

/**
 * Reads a PEP 440 specifier set (`>=4.30,<4.36`, `==4.35.*`, `~=1.4.2`, `===2.0`) into the interval
 * of versions it allows. Returns undefined for a specifier that does not parse.
 */
export function specifierInterval(spec: string): Interval | undefined {
  const trimmed = spec.trim();
  if (trimmed === "") return {};
  let clauses;
  try {
    clauses = parseSpecifier(trimmed) as { operator: string; version: string; prefix?: string }[];
  } catch {
    return undefined;
  }
  if (!Array.isArray(clauses) || clauses.length === 0) return undefined;
  const out: Interval = {};
  for (const c of clauses) {
    const v = c.version;
    const wildcard = c.prefix === ".*";
    switch (c.operator) {
      case "==":
      case "===":
        if (wildcard) {
          out.lower = tighterLower(out.lower, { version: v, inclusive: true });
          const next = bumpPrefix(v);
          if (next) out.upper = tighterUpper(out.upper, { version: next, inclusive: false });
        } else {
          out.exact = v;
          out.lower = { version: v, inclusive: true };
          out.upper = { version: v, inclusive: true };
        }
        break;
      case ">=":
        out.lower = tighterLower(out.lower, { version: v, inclusive: true });
        break;
      case ">":
        out.lower = tighterLower(out.lower, { version: v, inclusive: false });
        break;
      case "<=":
        out.upper = tighterUpper(out.upper, { version: v, inclusive: true });
        break;
      case "<":
        out.upper = tighterUpper(out.upper, { version: v, inclusive: false });
        break;
      case "~=": {
        out.lower = tighterLower(out.lower, { version: v, inclusive: true });
        const release = v.split(/[a-z+]/i)[0] ?? v;
        const parts = release.split(".");
        const next = bumpPrefix(parts.slice(0, Math.max(1, parts.length - 1)).join("."));
        if (next) out.upper = tighterUpper(out.upper, { version: next, inclusive: false });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * True when every version the interval allows is inside one affected span of the range: the
 * requirement pins or allows only vulnerable versions. Needs an upper bound; an open-ended
 * requirement always admits a future fixed release.
 */
export function intervalInsideRange(iv: Interval, range: OsvRange): boolean {
  if (range.type !== "ECOSYSTEM" || !iv.upper) return false;
  if (iv.exact !== undefined) return inRange(iv.exact, range);
  const lower = iv.lower?.version ?? "0";
  const upper = iv.upper;
  return rangeSpans(range).some((s) => {
    const lo = cmp(lower, s.introduced);
    if (lo === undefined || lo < 0) return false;
    if (s.fixed !== undefined) {
      const c = cmp(upper.version, s.fixed);
      return c !== undefined && (upper.inclusive ? c < 0 : c <= 0);
    }
    if (s.lastAffected !== undefined) {
      const c = cmp(upper.version, s.lastAffected);
      return c !== undefined && c <= 0;
    }
    return true;
  });
}

/** True when the interval admits at least one affected version of the range (it overlaps a span). */
export function intervalOverlapsRange(iv: Interval, range: OsvRange): boolean {
  if (range.type !== "ECOSYSTEM") return false;
  if (iv.exact !== undefined) return inRange(iv.exact, range);
  return rangeSpans(range).some((s) => {
    // Span end must be above the interval's lower bound, and span start below its upper bound.
    const end = s.fixed ?? s.lastAffected;
    if (iv.lower && end !== undefined) {
      const c = cmp(end, iv.lower.version);
      if (c === undefined || (s.fixed !== undefined ? c <= 0 : c < 0)) return false;
    }
    if (iv.upper) {
      const c = cmp(s.introduced, iv.upper.version);
      if (c === undefined || (iv.upper.inclusive ? c > 0 : c >= 0)) return false;
    }
    return true;
  });
}
