import { errorMessage } from "../../errors.js";
import { MAX_LINEAGE_DEPTH, MAX_LINEAGE_REPOS, MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact, type Fact, type FactOf } from "../../types/fact.js";
import type { HubApi, HubRepoInfo } from "../../types/hub-api.js";
import type { InspectContext, RepoInspector } from "../../types/inspector.js";
import type { Region } from "../../types/region.js";
import { isCardPath } from "./card-inspector.js";
import { cardLists } from "./card-lists.js";
import type { LineageDataset, LineageNode, LineageStatus } from "./facts.js";
import { findFrontMatter } from "./front-matter.js";
import { scanHeadings } from "./headings.js";
import { findStatements } from "./card-statements.js";
import { splitLines } from "./text-lines.js";

/**
 * Hub repo ids as the Hub validates them: `name` or `owner/name`, alphanumerics plus `-_.`, no `--`
 * or `..`, not starting or ending with `-`/`.`, at most 96 characters each. Anything else (a URL,
 * `../../api/x`) is never sent to the Hub: a card must not steer modelgate's requests.
 */
export function isValidRepoId(id: string): boolean {
  const parts = id.split("/");
  if (parts.length > 2) return false;
  return parts.every((p) => p.length > 0 && p.length <= 96 && /^[A-Za-z0-9](?:[\w.-]*[A-Za-z0-9])?$/.test(p) && !p.includes("--") && !p.includes(".."));
}

function strings(v: unknown): string[] {
  if (typeof v === "string") return v.trim() === "" ? [] : [v.trim()];
  if (Array.isArray(v)) return v.slice(0, 100).filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
  return [];
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** Fetches each repo at most once and at most MAX_LINEAGE_REPOS in total. */
class HubLookups {
  private readonly cache = new Map<string, Promise<HubRepoInfo | { thrown: string }>>();
  constructor(private readonly hub: HubApi) {}
  get exhausted(): boolean {
    return this.cache.size >= MAX_LINEAGE_REPOS;
  }
  fetch(kind: "model" | "dataset", repoId: string): Promise<HubRepoInfo | { thrown: string }> | undefined {
    const key = `${kind}:${repoId.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.exhausted) return undefined;
    const p = (kind === "model" ? this.hub.modelInfo(repoId) : this.hub.datasetInfo(repoId)).catch((e: unknown) => ({ thrown: errorMessage(e).slice(0, 200) }));
    this.cache.set(key, p);
    return p;
  }
}

function statusOf(info: HubRepoInfo | { thrown: string }): { status: LineageStatus; detail?: string } {
  if ("thrown" in info) return { status: "error", detail: info.thrown };
  if (!info.found) return { status: "not-found", detail: "no such repository on the Hub (deleted, renamed, private or mistyped)" };
  // A gated repo's metadata (license, base_model) is often public while its files are not
  // (HUB-API.md §1, §6): the metadata is verified; only the card text could not be read.
  if (info.error && info.cardData) return { status: "found", detail: `card text not read: ${info.error.slice(0, 200)}` };
  if (info.error) return { status: info.gated ? "gated" : "error", detail: info.error.slice(0, 200) };
  return { status: "found" };
}

function describeInfo(info: HubRepoInfo): Pick<LineageNode, "license" | "licenseName" | "gated" | "hasCard" | "baseModels" | "relation"> {
  const card = info.cardData ?? {};
  const out: Pick<LineageNode, "license" | "licenseName" | "gated" | "hasCard" | "baseModels" | "relation"> = {
    license: strings(card["license"]),
    baseModels: strings(card["base_model"]),
  };
  const name = str(card["license_name"]);
  if (name) out.licenseName = name;
  const relation = str(card["base_model_relation"]);
  if (relation) out.relation = relation;
  if (info.gated !== undefined) out.gated = info.gated;
  if (info.readme !== undefined || info.cardData !== undefined) out.hasCard = info.readme !== undefined ? info.readme.trim() !== "" : Object.keys(info.cardData ?? {}).length > 0;
  return out;
}

interface Pending {
  repoId: string;
  depth: number;
  parent?: string;
  /** Repos from the scanned model down to this one's child, lower-cased, for cycle detection. */
  path: string[];
}

async function* followBaseModels(roots: readonly string[], ctx: InspectContext, hub: HubLookups, region: Region | undefined, cardRef: FactOf<"card.metadata">["artifact"]): AsyncGenerator<Fact> {
  const self = ctx.target.repoId?.toLowerCase();
  const queue: Pending[] = roots.map((r) => ({ repoId: r, depth: 1, path: self ? [self] : [] }));
  const expanded = new Set<string>();
  const emit = (node: LineageNode): Fact => (node.depth === 1 && cardRef ? fact("lineage.model", node, cardRef, region) : fact("lineage.model", node));
  for (let item = queue.shift(); item; item = queue.shift()) {
    const base: LineageNode = { repoId: item.repoId, depth: item.depth, status: "found", license: [], baseModels: [] };
    if (item.parent) base.parent = item.parent;
    const key = item.repoId.toLowerCase();
    if (!isValidRepoId(item.repoId)) {
      yield emit({ ...base, status: "invalid-id", detail: "not a Hub repository id; not looked up" });
      continue;
    }
    if (item.path.includes(key)) {
      const chain = [...item.path.slice(item.path.indexOf(key)), key].join(" → ");
      yield emit({ ...base, status: "cycle", detail: `base_model chain loops: ${chain}` });
      continue;
    }
    if (item.depth > MAX_LINEAGE_DEPTH) {
      yield emit({ ...base, status: "depth-limit", detail: `not followed past ${MAX_LINEAGE_DEPTH} base_model hops (MAX_LINEAGE_DEPTH)` });
      continue;
    }
    const pending = hub.fetch("model", item.repoId);
    if (!pending) {
      yield emit({ ...base, status: "limit", detail: `not looked up: more than ${MAX_LINEAGE_REPOS} Hub repos in this lineage (MAX_LINEAGE_REPOS)` });
      continue;
    }
    const info = await pending;
    const st = statusOf(info);
    const node: LineageNode = { ...base, status: st.status, ...("thrown" in info || !info.found ? {} : describeInfo(info)) };
    if (st.detail) node.detail = st.detail;
    yield emit(node);
    if (st.status !== "found" || expanded.has(key)) continue;
    expanded.add(key);
    for (const b of node.baseModels) queue.push({ repoId: b, depth: item.depth + 1, parent: item.repoId, path: [...item.path, key] });
  }
}

async function lookupDataset(repoId: string, ctx: InspectContext, hub: HubLookups): Promise<LineageDataset> {
  const out: LineageDataset = { repoId, status: "found", license: [], piiStatements: [] };
  if (!isValidRepoId(repoId)) return { ...out, status: "invalid-id", detail: "not a Hub dataset id; not looked up" };
  const pending = hub.fetch("dataset", repoId);
  if (!pending) return { ...out, status: "limit", detail: `not looked up: more than ${MAX_LINEAGE_REPOS} Hub repos (MAX_LINEAGE_REPOS)` };
  const info = await pending;
  const st = statusOf(info);
  out.status = st.status;
  if (st.detail) out.detail = st.detail;
  if ("thrown" in info || !info.found) return out;
  const d = describeInfo(info);
  out.license = d.license;
  if (d.gated !== undefined) out.gated = d.gated;
  if (d.hasCard !== undefined) out.hasCard = d.hasCard;
  if (info.readme !== undefined) {
    out.cardRead = true;
    const { lines } = splitLines(info.readme.slice(0, MAX_TEXT_FILE_BYTES));
    const fm = findFrontMatter(lines);
    const first = fm.kind === "block" ? fm.block.endLine + 1 : 1;
    const { codeLines } = scanHeadings(lines, first);
    out.piiStatements = findStatements(lines, first, codeLines, cardLists(ctx.list).pii).map((s) => ({ line: s.startLine, text: s.text }));
  }
  return out;
}

/**
 * Follows `base_model` through the Hub (breadth-first, depth-bounded, cycles detected, each repo
 * fetched once) and looks up each dataset the card names. Without Hub access (local folder,
 * offline) every reference is reported as unverifiable rather than silently passing.
 */
export const lineageInspector: RepoInspector = {
  name: "lineage",
  async *inspectRepo(facts, ctx) {
    const card = facts.find((f): f is FactOf<"card.metadata"> => f.kind === "card.metadata" && !!f.artifact && isCardPath(f.artifact));
    if (!card) return;
    const { baseModels, datasets, fieldLines } = card.data;
    const at = (field: string): Region | undefined => {
      const l = fieldLines[field];
      return l ? { startLine: l.startLine, endLine: l.endLine } : undefined;
    };
    const uniq = (xs: readonly string[]): string[] => [...new Map(xs.map((x) => [x.toLowerCase(), x])).values()];
    if (!ctx.hub) {
      const why = ctx.target.kind === "hub" ? "no Hub access for lookups" : "local target: lineage is not looked up on the Hub";
      // A value that is not a repo id is wrong whether or not the Hub can be asked.
      const offline = (id: string, kind: string): { status: LineageStatus; detail: string } =>
        isValidRepoId(id) ? { status: "unverifiable", detail: why } : { status: "invalid-id", detail: `not a Hub ${kind} id; not looked up` };
      for (const b of uniq(baseModels)) yield fact("lineage.model", { repoId: b, depth: 1, license: [], baseModels: [], ...offline(b, "repository") }, card.artifact, at("base_model"));
      for (const d of uniq(datasets)) yield fact("lineage.dataset", { repoId: d, license: [], piiStatements: [], ...offline(d, "dataset") }, card.artifact, at("datasets"));
      return;
    }
    const hub = new HubLookups(ctx.hub);
    yield* followBaseModels(uniq(baseModels), ctx, hub, at("base_model"), card.artifact);
    for (const d of uniq(datasets)) yield fact("lineage.dataset", await lookupDataset(d, ctx, hub), card.artifact, at("datasets"));
  },
};
