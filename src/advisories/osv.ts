/** The subset of the OSV schema (https://ossf.github.io/osv-schema/) modelgate reads. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package: { ecosystem: string; name: string };
  ranges?: OsvRange[];
  versions?: string[];
}

export interface OsvRecord {
  id: string;
  modified: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  affected: OsvAffected[];
  severity?: { type: string; score: string }[];
  database_specific?: Record<string, unknown>;
  references?: { type: string; url: string }[];
  withdrawn?: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** Checks one OSV record's shape; returns the reason it is invalid, or undefined. */
export function osvProblem(raw: unknown): string | undefined {
  if (!isRecord(raw)) return "not an object";
  if (typeof raw["id"] !== "string" || raw["id"] === "") return "missing id";
  if (typeof raw["modified"] !== "string") return `${raw["id"]}: missing modified`;
  if (raw["aliases"] !== undefined && !isStringArray(raw["aliases"])) return `${raw["id"]}: aliases must be strings`;
  const affected = raw["affected"];
  if (!Array.isArray(affected)) return `${raw["id"]}: missing affected`;
  for (const a of affected) {
    if (!isRecord(a) || !isRecord(a["package"])) return `${raw["id"]}: affected entry without package`;
    const pkg = a["package"];
    if (typeof pkg["ecosystem"] !== "string" || typeof pkg["name"] !== "string") return `${raw["id"]}: package needs ecosystem and name`;
    if (a["versions"] !== undefined && !isStringArray(a["versions"])) return `${raw["id"]}: versions must be strings`;
    if (a["ranges"] !== undefined) {
      if (!Array.isArray(a["ranges"])) return `${raw["id"]}: ranges must be a list`;
      for (const r of a["ranges"]) {
        if (!isRecord(r) || typeof r["type"] !== "string" || !Array.isArray(r["events"])) return `${raw["id"]}: range needs type and events`;
        for (const e of r["events"]) {
          if (!isRecord(e) || !Object.values(e).every((x) => typeof x === "string")) return `${raw["id"]}: events must map to version strings`;
        }
      }
    }
  }
  return undefined;
}

/** PEP 503 name normalisation: `Sentence_Transformers` and `sentence-transformers` are one package. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

/** The advisory's severity: GitHub's `database_specific.severity`, else undefined (caller decides a default). */
export function osvSeverity(r: OsvRecord): "critical" | "high" | "medium" | "low" | undefined {
  const s = r.database_specific?.["severity"];
  if (typeof s !== "string") return undefined;
  const v = s.toUpperCase();
  if (v === "CRITICAL") return "critical";
  if (v === "HIGH") return "high";
  if (v === "MODERATE" || v === "MEDIUM") return "medium";
  if (v === "LOW") return "low";
  return undefined;
}
