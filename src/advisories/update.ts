import { existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { rulesDir } from "../catalog/package-root.js";
import { ConfigError, SourceError, errorMessage } from "../errors.js";
import { openZip } from "../io/zip.js";
import { MAX_ADVISORY_FEED_BYTES } from "../limits.js";
import type { ByteSource } from "../types/artifact.js";
import { normalizePackageName, osvProblem, type OsvRecord } from "./osv.js";
import { parseAdvisorySet } from "./store.js";

export const DEFAULT_OSV_API = "https://api.osv.dev";
/** Pages fetched per package from the OSV query API: a server that never stops paginating, CWE-835. */
const MAX_PAGES_PER_PACKAGE = 50;

export interface UpdateParams {
  /** An OSV file or URL: JSON array, `{vulns: [...]}`, `{entries: [...]}`, one record, JSON Lines, or a zip of records (OSV's all.zip). */
  from?: string;
  /** OSV API base, queried per tracked package when `from` is absent. */
  osvApi?: string;
  /** Where to write the set (default: the packaged rules/_lists/advisories.json). */
  output?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Today's date, for the set's `date` (injectable for tests). */
  today?: string;
}

export interface UpdateResult {
  path: string;
  date: string;
  count: number;
  skipped: number;
  packages: number;
  /** Records of the previous set kept because the data did not cover their package. */
  kept: number;
}

/**
 * A URL as it may be written into the set and printed: no `user:password@`, no query or fragment
 * (a signed download URL carries its credential there). The set's `source` reaches every report.
 */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const hidden = u.username || u.password || u.search || u.hash;
    u.username = "";
    u.password = "";
    u.search = "";
    u.hash = "";
    return hidden ? `${u.toString()} (credentials and query removed)` : u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//").replace(/[?#].*$/, "");
  }
}

export function defaultAdvisoryPath(): string {
  return join(rulesDir(), "_lists", "advisories.json");
}

class MemorySource implements ByteSource {
  readonly bytesRead = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.byteLength;
  }
  read(offset: number, length: number): Promise<Uint8Array> {
    return Promise.resolve(this.bytes.subarray(offset, Math.min(this.bytes.byteLength, offset + length)));
  }
}

async function readBounded(res: Response, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_ADVISORY_FEED_BYTES) throw new SourceError(`${what}: ${declared} bytes is above MAX_ADVISORY_FEED_BYTES`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_ADVISORY_FEED_BYTES) {
      await reader.cancel();
      throw new SourceError(`${what}: more than MAX_ADVISORY_FEED_BYTES (${MAX_ADVISORY_FEED_BYTES}) bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

async function fetchBytes(url: string, f: typeof fetch, signal?: AbortSignal, init: RequestInit = {}): Promise<Uint8Array> {
  let res: Response;
  const shown = displayUrl(url);
  try {
    res = await f(url, { ...init, ...(signal ? { signal } : {}) });
  } catch (e) {
    throw new SourceError(`${shown}: ${errorMessage(e).split(url).join(shown)}`);
  }
  if (!res.ok) throw new SourceError(`${shown}: HTTP ${res.status}`);
  return readBounded(res, shown);
}

/** Every OSV record in a document of any accepted shape. */
function recordsFromJson(text: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON Lines: one record per line.
    return text
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          throw new ConfigError(`OSV data: line ${i + 1} is not JSON`);
        }
      });
  }
  if (Array.isArray(doc)) return doc;
  if (typeof doc === "object" && doc !== null) {
    const o = doc as Record<string, unknown>;
    if (Array.isArray(o["vulns"])) return o["vulns"];
    if (Array.isArray(o["entries"])) return o["entries"];
    if (typeof o["id"] === "string") return [o];
  }
  throw new ConfigError("OSV data: expected a record, a list of records, {vulns: [...]} or {entries: [...]}");
}

async function recordsFromBytes(bytes: Uint8Array, what: string): Promise<unknown[]> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const zip = await openZip(new MemorySource(bytes));
    const out: unknown[] = [];
    for (const e of zip.entries) {
      if (e.isDirectory || !e.name.endsWith(".json")) continue;
      const src = await zip.entrySource(e, MAX_ADVISORY_FEED_BYTES);
      out.push(...recordsFromJson(new TextDecoder().decode(await src.read(0, src.size))));
    }
    return out;
  }
  try {
    return recordsFromJson(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`${what}: ${e.message}`);
    throw new ConfigError(`${what}: not UTF-8 JSON`);
  }
}

/** Queries the OSV API for each package (POST /v1/query), following page tokens. */
async function queryOsv(api: string, packages: readonly string[], f: typeof fetch, signal?: AbortSignal): Promise<unknown[]> {
  const out: unknown[] = [];
  const url = `${api.replace(/\/+$/, "")}/v1/query`;
  for (const name of packages) {
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES_PER_PACKAGE; page++) {
      const body = JSON.stringify({ package: { name, ecosystem: "PyPI" }, ...(token ? { page_token: token } : {}) });
      const bytes = await fetchBytes(url, f, signal, { method: "POST", headers: { "content-type": "application/json" }, body });
      const res = JSON.parse(new TextDecoder().decode(bytes)) as { vulns?: unknown[]; next_page_token?: string };
      out.push(...(res.vulns ?? []));
      token = res.next_page_token;
      if (!token) break;
    }
  }
  return out;
}

function trackedNames(record: OsvRecord, packages: ReadonlySet<string>): string[] {
  return record.affected.flatMap((a) => (a.package.ecosystem === "PyPI" && packages.has(normalizePackageName(a.package.name)) ? [normalizePackageName(a.package.name)] : []));
}

function tracks(record: OsvRecord, packages: ReadonlySet<string>): boolean {
  return trackedNames(record, packages).length > 0;
}

/**
 * Refreshes the offline advisory set from OSV data: reads a file or URL (or queries the OSV API),
 * keeps valid, non-withdrawn records for the tracked packages, and replaces the set atomically
 * (write beside it, then rename), so a failed update never leaves a half-written set.
 */
export async function updateAdvisories(params: UpdateParams): Promise<UpdateResult> {
  const output = params.output ?? defaultAdvisoryPath();
  const f = params.fetch ?? fetch;
  const current = existsSync(output) ? parseAdvisorySet(JSON.parse(readFileSync(output, "utf8")) as unknown) : parseAdvisorySet(JSON.parse(readFileSync(defaultAdvisoryPath(), "utf8")) as unknown);
  const tracked = new Set(current.packages);
  if (tracked.size === 0) throw new ConfigError(`${output}: the set lists no packages to track`);

  let raw: unknown[];
  let source: string;
  if (params.from && /^https?:\/\//i.test(params.from)) {
    source = displayUrl(params.from);
    raw = await recordsFromBytes(await fetchBytes(params.from, f, params.signal), source);
  } else if (params.from) {
    let size: number;
    try {
      size = statSync(params.from).size;
    } catch (e) {
      throw new ConfigError(`${params.from}: ${errorMessage(e)}`);
    }
    if (size > MAX_ADVISORY_FEED_BYTES) throw new ConfigError(`${params.from}: ${size} bytes is above MAX_ADVISORY_FEED_BYTES`);
    raw = await recordsFromBytes(new Uint8Array(readFileSync(params.from)), params.from);
    source = basename(params.from);
  } else {
    const api = params.osvApi ?? DEFAULT_OSV_API;
    raw = await queryOsv(api, [...tracked], f, params.signal);
    source = `${displayUrl(api)}/v1/query`;
  }

  const byId = new Map<string, OsvRecord>();
  // Packages the data speaks for: every tracked one when the API was asked, else those it names.
  const covered = new Set<string>(params.from ? [] : tracked);
  let skipped = 0;
  for (const r of raw) {
    if (osvProblem(r) !== undefined) {
      skipped++;
      continue;
    }
    const rec = r as OsvRecord;
    if (!tracks(rec, tracked)) continue;
    for (const p of trackedNames(rec, tracked)) covered.add(p);
    if (rec.withdrawn) continue;
    const prev = byId.get(rec.id);
    if (!prev || prev.modified < rec.modified) byId.set(rec.id, rec);
  }
  if (byId.size === 0) throw new ConfigError(`OSV data from ${source}: no valid advisory for the ${tracked.size} tracked packages; the set was not changed`);
  // A file with one package's records refreshes that package; the others keep what they had.
  const keep = current.entries.filter((r) => !byId.has(r.id) && !trackedNames(r, tracked).some((p) => covered.has(p)));
  for (const r of keep) byId.set(r.id, r);

  const date = params.today ?? new Date().toISOString().slice(0, 10);
  const entries = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const set = {
    schema: "modelgate-advisories/1 (entries are OSV 1.6 records)",
    date,
    source: `OSV data from ${source}, updated ${date} by \`modelgate advisories update\``,
    packages: [...tracked].sort(),
    entries,
  };
  // Validate what we are about to write with the same reader the scanner uses.
  parseAdvisorySet(set);
  const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(set, null, 1) + "\n");
    renameSync(tmp, output);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new ConfigError(`cannot write ${output}: ${errorMessage(e)}`);
  }
  return { path: output, date, count: entries.length, skipped, packages: tracked.size, kept: keep.length };
}
