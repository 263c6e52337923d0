import { ROOT_BASE_ID, repoUri } from "./sarif-artifacts.js";
import type { SarifArtifact, SarifArtifactLocation, SarifLocation, SarifNotification, SarifReportingDescriptor, SarifResult, SarifRun, SarifVersionControlDetails } from "./sarif-types.js";

/**
 * One target's share of a many-target SARIF run: its artifacts (indices local to the piece, URIs
 * under the target's key), results, notifications and run properties. A many-target run is these
 * pieces laid end to end; `merge` splits runs back into pieces and lays them out again, so
 * merging shards gives the same log as scanning everything at once.
 */
export interface SarifPiece {
  key: string;
  rules: SarifReportingDescriptor[];
  artifacts: SarifArtifact[];
  results: SarifResult[];
  notifications: SarifNotification[];
  versionControl?: SarifVersionControlDetails;
  /** The single-target run's properties (target, verdict, options, sections…). */
  properties: Record<string, unknown>;
}

/** The property that ties an artifact, result or notification of a many-target run to its target. */
export const TARGET_PROPERTY = "target";

/** The URI folder a target's files sit under: its key, one encoded segment per `/` part. */
export function keyPrefix(key: string): string {
  return repoUri(key);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Points an artifactLocation through `map` at a new index and copies that artifact's uri, as SARIF wants them to agree. */
function relocate(loc: SarifArtifactLocation, artifacts: readonly SarifArtifact[], map: (i: number) => number | undefined): SarifArtifactLocation {
  if (loc.index === undefined) return loc;
  const index = map(loc.index);
  const a = index === undefined ? undefined : artifacts[index];
  if (index === undefined || !a) {
    const { index: _dropped, ...rest } = loc;
    return rest;
  }
  return { ...a.location, index };
}

function relocateAll(locations: SarifLocation[] | undefined, artifacts: readonly SarifArtifact[], map: (i: number) => number | undefined): void {
  for (const l of locations ?? []) l.physicalLocation.artifactLocation = relocate(l.physicalLocation.artifactLocation, artifacts, map);
}

function tag<T extends { properties?: Record<string, unknown> }>(item: T, key: string): T {
  item.properties = { ...item.properties, [TARGET_PROPERTY]: key };
  return item;
}

/**
 * A single-target run (what `renderSarif` writes for one report) as a piece: repo files move
 * under the key (archive members stay relative to their parent), every location follows its
 * artifact, fingerprints are prefixed with the key so two models' findings never match each other.
 */
export function pieceFromSingleRun(run: SarifRun, key: string): SarifPiece {
  const prefix = keyPrefix(key);
  const artifacts = clone(run.artifacts).map((a) => {
    if (a.location.uriBaseId === ROOT_BASE_ID) a.location = { ...a.location, uri: `${prefix}/${a.location.uri}` };
    return tag(a, key);
  });
  const same = (i: number): number => i;
  const results = clone(run.results).map((r) => {
    relocateAll(r.locations, artifacts, same);
    relocateAll(r.relatedLocations, artifacts, same);
    r.partialFingerprints = Object.fromEntries(Object.entries(r.partialFingerprints).map(([k, v]) => [k, `${key}/${v}`]));
    return tag(r, key);
  });
  const notifications = clone(run.invocations.flatMap((i) => i.toolExecutionNotifications ?? [])).map((n) => {
    relocateAll(n.locations, artifacts, same);
    return tag(n, key);
  });
  const piece: SarifPiece = { key, rules: clone(run.tool.driver.rules), artifacts, results, notifications, properties: clone(run.properties) };
  const vcp = run.versionControlProvenance?.[0];
  if (vcp) {
    const { mappedTo: _mapped, ...rest } = vcp;
    piece.versionControl = clone(rest);
  }
  return piece;
}

/** Splits a many-target run back into its pieces (the inverse of `assembleRun`). */
export function piecesFromMultiRun(run: SarifRun): SarifPiece[] {
  const targets = run.properties["targets"];
  if (!Array.isArray(targets)) return [];
  const notifications = run.invocations.flatMap((i) => i.toolExecutionNotifications ?? []);
  const prefixes = new Map<string, string>();
  return targets.map((t: Record<string, unknown>) => {
    const { key: rawKey, ...properties } = t;
    const key = String(rawKey);
    prefixes.set(key, keyPrefix(key));
    const mine = (x: { properties?: Record<string, unknown> }): boolean => x.properties?.[TARGET_PROPERTY] === key;
    const oldToNew = new Map<number, number>();
    run.artifacts.forEach((a, i) => {
      if (mine(a)) oldToNew.set(i, oldToNew.size);
    });
    const artifacts = clone(run.artifacts.filter(mine)).map((a) => {
      if (a.parentIndex !== undefined) {
        const p = oldToNew.get(a.parentIndex);
        if (p === undefined) delete a.parentIndex;
        else a.parentIndex = p;
      }
      return a;
    });
    const map = (i: number): number | undefined => oldToNew.get(i);
    const results = clone(run.results.filter(mine)).map((r) => {
      relocateAll(r.locations, artifacts, map);
      relocateAll(r.relatedLocations, artifacts, map);
      return r;
    });
    const notes = clone(notifications.filter(mine)).map((n) => {
      relocateAll(n.locations, artifacts, map);
      return n;
    });
    const piece: SarifPiece = { key, rules: clone(run.tool.driver.rules), artifacts, results, notifications: notes, properties: clone(properties) };
    const prefix = `${keyPrefix(key)}/`;
    const vcp = run.versionControlProvenance?.find((v) => v.mappedTo?.uri === prefix);
    if (vcp) {
      const { mappedTo: _mapped, ...rest } = vcp;
      piece.versionControl = clone(rest);
    }
    return piece;
  });
}

export interface AssembledRun {
  rules: SarifReportingDescriptor[];
  artifacts: SarifArtifact[];
  results: SarifResult[];
  notifications: SarifNotification[];
  versionControl: SarifVersionControlDetails[];
  targets: Record<string, unknown>[];
}

/** Lays pieces end to end in key order: one rule table (union by id), artifact indices shifted, results re-pointed at both. */
export function assemblePieces(input: readonly SarifPiece[]): AssembledRun {
  const pieces = [...input].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byId = new Map<string, SarifReportingDescriptor>();
  for (const p of pieces) for (const r of p.rules) if (!byId.has(r.id)) byId.set(r.id, r);
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const out: AssembledRun = { rules, artifacts: [], results: [], notifications: [], versionControl: [], targets: [] };
  for (const p of pieces) {
    const offset = out.artifacts.length;
    const shift = (i: number): number => i + offset;
    for (const a of clone(p.artifacts)) {
      if (a.parentIndex !== undefined) a.parentIndex += offset;
      out.artifacts.push(a);
    }
    for (const r of clone(p.results)) {
      r.ruleIndex = ruleIndex.get(r.ruleId) ?? -1;
      relocateAll(r.locations, out.artifacts, shift);
      relocateAll(r.relatedLocations, out.artifacts, shift);
      out.results.push(r);
    }
    for (const n of clone(p.notifications)) {
      relocateAll(n.locations, out.artifacts, shift);
      out.notifications.push(n);
    }
    if (p.versionControl) out.versionControl.push({ ...clone(p.versionControl), mappedTo: { uri: `${keyPrefix(p.key)}/`, uriBaseId: ROOT_BASE_ID } });
    out.targets.push({ key: p.key, ...clone(p.properties) });
  }
  return out;
}
