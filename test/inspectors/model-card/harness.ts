import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadChecklist, loadLists, loadRules } from "../../../src/catalog/load-rules.js";
import { evaluateChecklist } from "../../../src/checklist/evaluate.js";
import { checks } from "../../../src/checks/index.js";
import { runChecks } from "../../../src/engine/run-checks.js";
import { configInspector } from "../../../src/inspectors/config/config-inspector.js";
import { cardInspector } from "../../../src/inspectors/model-card/card-inspector.js";
import { licenseFileInspector } from "../../../src/inspectors/model-card/license-file.js";
import { lineageInspector } from "../../../src/inspectors/model-card/lineage.js";
import { trainingFilesInspector } from "../../../src/inspectors/model-card/training-files.js";
import { sniffFormat } from "../../../src/inspectors/sniff.js";
import type { Artifact } from "../../../src/types/artifact.js";
import type { ChecklistItem } from "../../../src/types/checklist.js";
import { fact, type Fact, type FactKind, type FactOf } from "../../../src/types/fact.js";
import type { Finding } from "../../../src/types/finding.js";
import type { HubApi, HubRepoInfo } from "../../../src/types/hub-api.js";
import type { InspectContext, Probe } from "../../../src/types/inspector.js";
import type { ScanTarget } from "../../../src/types/source.js";
import { LimitExceededError, ParseError } from "../../../src/errors.js";

export type Files = Record<string, string | Uint8Array>;

const lists = loadLists();
const rules = loadRules();
export const list = (name: string): unknown => lists.get(name);

export const LOCAL: ScanTarget = { kind: "local-dir", input: "repo" };
export const HUB_TARGET: ScanTarget = { kind: "hub", input: "acme/model", repoId: "acme/model", revision: "main" };

/** Reads a committed fixture file (fixtures/cards/...). */
export function fixture(...parts: string[]): string {
  return readFileSync(join(import.meta.dirname, "../../../fixtures/cards", ...parts), "utf8");
}

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(import.meta.dirname, "../../../fixtures/cards", ...parts)));
}

export function memArtifact(path: string, content: string | Uint8Array): Artifact {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { ref: { path }, origin: "local", source: { size: bytes.length, bytesRead: 0, read: async (o: number, l: number) => bytes.subarray(o, o + l) } };
}

export function context(files: Files, target: ScanTarget = LOCAL, hub?: HubApi): InspectContext {
  const ctx: InspectContext = { target, files: Object.entries(files).map(([path, c]) => ({ path, size: c.length })), list };
  if (hub) ctx.hub = hub;
  return ctx;
}

/**
 * Runs this family's inspectors (card, LICENSE, config) and repo inspectors (training files,
 * lineage) over an in-memory repo; ParseError/LimitExceededError become facts as in the engine.
 */
export async function inspectRepo(files: Files, target: ScanTarget = LOCAL, hub?: HubApi): Promise<Fact[]> {
  const ctx = context(files, target, hub);
  const facts: Fact[] = [];
  for (const [path, content] of Object.entries(files)) {
    const a = memArtifact(path, content);
    const head = await a.source.read(0, 4096);
    const probe: Probe = { ref: a.ref, name: path.split("/").at(-1) ?? path, size: a.source.size, head, format: sniffFormat(head, a.source.size), depth: 0 };
    for (const inspector of [cardInspector, licenseFileInspector, configInspector]) {
      if (!inspector.accepts(probe)) continue;
      try {
        for await (const item of inspector.inspect(a, probe, ctx)) if (!("child" in item)) facts.push(item);
      } catch (e) {
        if (e instanceof LimitExceededError) facts.push(fact("scan.limit-exceeded", { message: e.message, limit: e.limit }, a.ref));
        else if (e instanceof ParseError) facts.push(fact("scan.parse-error", { message: e.message }, a.ref));
        else throw e;
      }
    }
  }
  for (const ri of [trainingFilesInspector, lineageInspector]) for await (const f of ri.inspectRepo(facts, ctx)) facts.push(f);
  return facts;
}

export function findingsFor(facts: readonly Fact[], files: Files = {}, target: ScanTarget = LOCAL): Finding[] {
  return runChecks({ checks, rules, facts, files: Object.entries(files).map(([path, c]) => ({ path, size: c.length })), target, list }).findings;
}

export async function scanRepo(files: Files, target: ScanTarget = LOCAL, hub?: HubApi): Promise<{ facts: Fact[]; findings: Finding[]; checklist: ChecklistItem[] }> {
  const facts = await inspectRepo(files, target, hub);
  const findings = findingsFor(facts, files, target);
  const checklist = evaluateChecklist({ items: loadChecklist(), rules, facts, findings, target, metadataOnly: false });
  return { facts, findings, checklist };
}

export function ofKind<K extends FactKind>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f) => f.kind === kind) as unknown as FactOf<K>[];
}

export function only<K extends FactKind>(facts: readonly Fact[], kind: K): FactOf<K> {
  const all = ofKind(facts, kind);
  if (all.length !== 1) throw new Error(`expected one ${kind} fact, got ${all.length}`);
  return all[0] as FactOf<K>;
}

export interface FakeRepoInfo {
  cardData?: Record<string, unknown>;
  readme?: string;
  gated?: false | "auto" | "manual";
  error?: string;
}

/** A hand-written HubApi: repos by id (models and datasets apart), recording every call. */
export function handHub(models: Record<string, FakeRepoInfo>, datasets: Record<string, FakeRepoInfo> = {}): HubApi & { calls: string[] } {
  const calls: string[] = [];
  const answer = (kind: "model" | "dataset", table: Record<string, FakeRepoInfo>, repoId: string): Promise<HubRepoInfo> => {
    calls.push(`${kind}:${repoId}`);
    const r = table[repoId];
    if (!r) return Promise.resolve({ repoId, kind, found: false });
    return Promise.resolve({ repoId, kind, found: true, gated: r.gated ?? false, ...(r.cardData ? { cardData: r.cardData } : {}), ...(r.readme !== undefined ? { readme: r.readme } : {}), ...(r.error ? { error: r.error } : {}) });
  };
  return { calls, modelInfo: (id) => answer("model", models, id), datasetInfo: (id) => answer("dataset", datasets, id) };
}

/** A card with the given front matter lines and body. */
export function card(frontMatter: string | undefined, body = "# Model\n\nA model.\n"): string {
  return frontMatter === undefined ? body : `---\n${frontMatter}\n---\n${body}`;
}

/** A card body that passes every documentation rule, for negative cases. */
export const GOOD_BODY = [
  "# Acme Model",
  "",
  "## Model Details",
  "A 7B decoder-only Llama transformer with grouped-query attention.",
  "",
  "## Intended Use",
  "Research on English text generation and assistant-style chat.",
  "",
  "## Limitations",
  "It can produce false or biased statements and must not be used for medical advice.",
  "",
  "## Training Data",
  "Trained on the public wikitext-103 corpus and the OpenWebText dataset.",
  "",
  "## Training Procedure",
  "Two epochs with AdamW on 8 GPUs, learning rate 3e-4.",
  "",
  "## Evaluation",
  "Perplexity 12.3 on the wikitext-103 test split.",
  "",
].join("\n");
